// A station as files people can keep: an extended M3U playlist (players and converters
// such as Soundiiz or TuneMyMusic match "Artist - Title" lines) and a JSON document.

import type { SongRef } from "./api-schema";

/** One M3U line may not hold a newline; strip control characters from titles. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

const label = (s: SongRef) => (s.artist ? `${oneLine(s.artist)} - ${oneLine(s.title)}` : oneLine(s.title));

/**
 * Extended M3U: a title line, then per song an #EXTINF line (unknown length) and the
 * song's location: its Spotify URL when known, else "Artist - Title" for a player to match.
 */
export function stationToM3u(name: string, songs: readonly SongRef[], urls: ReadonlyMap<number, string> = new Map()): string {
  const lines = ["#EXTM3U", `#PLAYLIST:${oneLine(name)}`];
  for (const song of songs) {
    lines.push(`#EXTINF:-1,${label(song)}`, urls.get(song.id) ?? label(song));
  }
  return `${lines.join("\n")}\n`;
}

export interface StationDocument {
  name: string;
  /** Where the station can be rebuilt: the page URL with the seeds in its query. */
  url: string;
  seeds: SongRef[];
  songs: (SongRef & { score: number; spotifyUrl?: string })[];
}

export function stationToJson(doc: StationDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** "Radio: Halo, Yellow +1" - a station's name from its seeds. */
export function stationName(seeds: readonly SongRef[], artists: readonly string[]): string {
  const names = [...artists, ...seeds.map((s) => s.title)];
  if (names.length === 0) return "Radio";
  const shown = names.slice(0, 2).join(", ");
  return `Radio: ${shown}${names.length > 2 ? ` +${names.length - 2}` : ""}`;
}
