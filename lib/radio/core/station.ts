// A radio station from seed songs: the query vector (the normalised mean of the seeds'
// vectors, pushed away from songs the listener turned down) and the pick from the ranked
// neighbours (seeds and exclusions out, at most N songs per artist). Pure: the server feeds
// it hits from the vector search, the bench feeds it brute-force neighbours.

import { normaliseInPlace } from "@/lib/ml/vectors";
import { foldText } from "@/lib/text/fold";

export const DEFAULT_STATION_LENGTH = 25;
export const MAX_STATION_LENGTH = 200;
export const DEFAULT_PER_ARTIST = 2;
/**
 * How hard a "not this" song pushes the station away: the query becomes
 * mean(seeds) - AVOID_WEIGHT * mean(avoided), both normalised first. At 0.5 the seeds still
 * dominate (one dislike cannot turn the station around) while songs close to the avoided
 * one drop by about as much as the seeds' closest neighbours are ahead of the rest.
 */
export const AVOID_WEIGHT = 0.5;

/** One artist however the data spells it ("The Beatles", "the beatles"): the per-artist cap and artist radio key on this. "" = unknown artist. */
export const artistKeyOf = (artist: string): string => foldText(artist);

function meanDirection(vectors: readonly Float32Array[], dims: number): Float32Array {
  const mean = new Float32Array(dims);
  for (const v of vectors) {
    if (v.length !== dims) throw new Error(`vector has ${v.length} dimensions, expected ${dims}`);
    // Each vector counts once whatever its length: normalise before averaging.
    let n = 0;
    for (let i = 0; i < dims; i++) n += v[i] * v[i];
    const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let i = 0; i < dims; i++) mean[i] += v[i] * scale;
  }
  return normaliseInPlace(mean);
}

/**
 * The direction a station is built around: the normalised mean of the seed vectors, minus
 * AVOID_WEIGHT times the normalised mean of the avoided ones, normalised again.
 */
export function stationQueryVector(seeds: readonly Float32Array[], avoided: readonly Float32Array[] = [], avoidWeight = AVOID_WEIGHT): Float32Array {
  if (seeds.length === 0) throw new Error("a station needs at least one seed");
  const dims = seeds[0].length;
  const query = meanDirection(seeds, dims);
  if (avoided.length > 0 && avoidWeight > 0) {
    const away = meanDirection(avoided, dims);
    for (let i = 0; i < dims; i++) query[i] -= avoidWeight * away[i];
    normaliseInPlace(query);
  }
  return query;
}

export interface StationCandidate<S> {
  song: S;
  /** Cosine similarity to the query vector (higher = closer). */
  score: number;
}

export interface StationPick {
  /** Songs (ids) never to play: the seeds, explicit exclusions, avoided songs. */
  excludeIds: ReadonlySet<number>;
  length: number;
  /** At most this many songs by one artist (songs without an artist are not capped). */
  perArtist: number;
}

/**
 * The station: candidates in rank order, skipping excluded songs and any artist already
 * played `perArtist` times, until `length` songs. Returns fewer when the candidates run out;
 * the caller asks the vector search for enough of them (see candidatesNeeded).
 */
export function pickStation<S extends { id: number; artistKey: string }>(candidates: Iterable<StationCandidate<S>>, pick: StationPick): StationCandidate<S>[] {
  const station: StationCandidate<S>[] = [];
  const perArtist = new Map<string, number>();
  const seen = new Set<number>();
  for (const candidate of candidates) {
    if (station.length >= pick.length) break;
    const { id, artistKey } = candidate.song;
    if (pick.excludeIds.has(id) || seen.has(id)) continue;
    if (artistKey !== "") {
      const played = perArtist.get(artistKey) ?? 0;
      if (played >= pick.perArtist) continue;
      perArtist.set(artistKey, played + 1);
    }
    seen.add(id);
    station.push(candidate);
  }
  return station;
}

/**
 * How many nearest neighbours to fetch so that, after exclusions and the artist cap, a
 * station of `length` songs is very likely complete. Prolific artists crowd a neighbourhood,
 * so ask for a generous multiple; the caller fetches more if the pick still comes up short.
 */
export function candidatesNeeded(pick: Pick<StationPick, "length" | "excludeIds" | "perArtist">): number {
  const spread = pick.perArtist >= pick.length ? 1 : Math.min(8, Math.ceil(4 / pick.perArtist) + 1);
  return Math.min(1000, pick.length * spread + pick.excludeIds.size + 20);
}
