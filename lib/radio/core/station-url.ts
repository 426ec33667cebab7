// A station's page URL: its seeds and settings in the query string, so a station can be
// shared and rebuilt (`/radio?seed=1&seed=2&avoid=3&artist=U2&length=25&per=2&order=shuffle`).

import { z } from "zod";
import { DEFAULT_PER_ARTIST, DEFAULT_STATION_LENGTH, MAX_STATION_LENGTH } from "./station";
import { MAX_SEEDS } from "./api-schema";

export type StationOrder = "similarity" | "shuffle";

export interface StationSettings {
  seeds: number[];
  artists: string[];
  avoid: number[];
  length: number;
  perArtist: number;
  order: StationOrder;
}

export const DEFAULT_SETTINGS: StationSettings = {
  seeds: [],
  artists: [],
  avoid: [],
  length: DEFAULT_STATION_LENGTH,
  perArtist: DEFAULT_PER_ARTIST,
  order: "similarity",
};

const idList = (values: string[]) =>
  [...new Set(values.filter((v) => /^\d{1,9}$/.test(v)).map(Number))].slice(0, MAX_SEEDS);

const intIn = (value: string | undefined, min: number, max: number, fallback: number) => {
  if (value === undefined || !/^\d{1,4}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
};

const artistSchema = z.string().trim().min(1).max(200);

/** Settings from a URL query; anything malformed falls back to its default (a shared link never breaks the page). */
export function settingsFromQuery(query: URLSearchParams): StationSettings {
  return {
    seeds: idList(query.getAll("seed")),
    artists: [...new Set(query.getAll("artist").flatMap((a) => (artistSchema.safeParse(a).success ? [a.trim()] : [])))].slice(0, MAX_SEEDS),
    avoid: idList(query.getAll("avoid")),
    length: intIn(query.get("length") ?? undefined, 1, MAX_STATION_LENGTH, DEFAULT_STATION_LENGTH),
    perArtist: intIn(query.get("per") ?? undefined, 1, MAX_STATION_LENGTH, DEFAULT_PER_ARTIST),
    order: query.get("order") === "shuffle" ? "shuffle" : "similarity",
  };
}

/** The query string for these settings (defaults left out), without "?". */
export function queryFromSettings(settings: StationSettings): string {
  const query = new URLSearchParams();
  for (const id of settings.seeds) query.append("seed", String(id));
  for (const artist of settings.artists) query.append("artist", artist);
  for (const id of settings.avoid) query.append("avoid", String(id));
  if (settings.length !== DEFAULT_STATION_LENGTH) query.set("length", String(settings.length));
  if (settings.perArtist !== DEFAULT_PER_ARTIST) query.set("per", String(settings.perArtist));
  if (settings.order !== "similarity") query.set("order", settings.order);
  return query.toString();
}
