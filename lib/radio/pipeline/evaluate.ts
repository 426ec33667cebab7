// Held-out quality of song vectors, measured the way the radio serves: next-song hit rate@10
// (the k nearest songs to the current one; does the playlist play one of them next?) and
// station precision@50 (a station from the playlist's first 5 songs, built with
// lib/radio/core/station.ts exactly as the server builds it; how many of its 50 songs does
// the playlist really play later?), with a most-popular baseline for both.

import { bruteForceNearest, centreRows, normaliseRows } from "@/lib/ml/vectors";
import { createRng } from "@/lib/ml/rng";
import { candidatesNeeded, DEFAULT_PER_ARTIST, pickStation, stationQueryVector, type StationCandidate } from "@/lib/radio/core/station";

export interface EvalSong {
  id: number;
  artistKey: string;
}

export interface EvalSetup {
  /** Unit vectors, one row per vocabulary song. */
  vectors: Float32Array;
  dims: number;
  /** Row -> song (id, artist key for the per-artist cap). */
  songs: readonly EvalSong[];
  /** Song id -> row. */
  index: ReadonlyMap<number, number>;
}

export interface EvalOptions {
  /** Next-song queries per playlist (random positions, fixed by seed). */
  queriesPerPlaylist?: number;
  seedSongs?: number;
  stationLength?: number;
  perArtist?: number;
  hitK?: number;
  seed?: number;
}

export interface EvalReport {
  playlists: number;
  nextSongQueries: number;
  hitRateAt10: number;
  popularityHitRateAt10: number;
  stations: number;
  precisionAt50: number;
  popularityPrecisionAt50: number;
}

/** The vectors as shipped and searched: unit length, then optionally centred (minus their mean row) and normalised again. */
export function shippedVectors(vectors: Float32Array, dims: number, centre: boolean): Float32Array {
  const unit = normaliseRows(vectors, dims);
  // Centre the unit vectors (every song weighs the same in the mean; centring the raw
  // vectors lets the long vectors of frequent songs set the mean, and measured worse).
  return centre ? normaliseRows(centreRows(unit, dims), dims) : unit;
}

/** Held-out playlists as vocabulary rows (songs without a vector dropped). */
function rowsOf(playlist: ArrayLike<number>, index: ReadonlyMap<number, number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < playlist.length; i++) {
    const r = index.get(playlist[i]);
    if (r !== undefined) out.push(r);
  }
  return out;
}

/**
 * The station for seed rows: stationQueryVector over the seeds' vectors, brute-force
 * neighbours (as many as candidatesNeeded asks), pickStation with seeds excluded.
 */
export function stationRows(setup: EvalSetup, seedRows: readonly number[], length: number, perArtist: number): number[] {
  const { vectors, dims, songs } = setup;
  const query = stationQueryVector(seedRows.map((r) => vectors.subarray(r * dims, (r + 1) * dims)));
  const excludeIds = new Set(seedRows.map((r) => songs[r].id));
  const pick = { excludeIds, length, perArtist };
  let k = candidatesNeeded(pick);
  for (;;) {
    const hits = bruteForceNearest(vectors, dims, query, k, "cosine");
    const candidates: StationCandidate<EvalSong & { row: number }>[] = hits.map((h) => ({ song: { ...songs[h.index], row: h.index }, score: 1 - h.distance }));
    const station = pickStation(candidates, pick);
    if (station.length >= length || k >= songs.length) return station.map((c) => c.song.row);
    k = Math.min(songs.length, k * 2);
  }
}

/** The most-popular station: the most played songs, through the same pick (seeds out, artist cap). */
export function popularStationRows(setup: EvalSetup, seedRows: readonly number[], length: number, perArtist: number, popularOrder: readonly number[]): number[] {
  const excludeIds = new Set(seedRows.map((r) => setup.songs[r].id));
  function* candidates() {
    for (const r of popularOrder) yield { song: { ...setup.songs[r], row: r }, score: 0 };
  }
  return pickStation(candidates(), { excludeIds, length, perArtist }).map((c) => c.song.row);
}

/**
 * Next-song hit rate@k and station precision@length on held-out playlists.
 * `popularOrder`: rows by training plays, most played first (the baseline).
 */
export function evaluateStations(setup: EvalSetup, heldOut: readonly ArrayLike<number>[], popularOrder: readonly number[], options: EvalOptions = {}): EvalReport {
  const { vectors, dims } = setup;
  const perPlaylist = options.queriesPerPlaylist ?? 5;
  const seedCount = options.seedSongs ?? 5;
  const length = options.stationLength ?? 50;
  const perArtist = options.perArtist ?? DEFAULT_PER_ARTIST;
  const hitK = options.hitK ?? 10;
  const rng = createRng(options.seed ?? 12345);
  let queries = 0;
  let hits = 0;
  let popularHits = 0;
  let stations = 0;
  let precisionSum = 0;
  let popularPrecisionSum = 0;
  let playlists = 0;
  for (const playlist of heldOut) {
    const rows = rowsOf(playlist, setup.index);
    if (rows.length < 2) continue;
    playlists++;
    // Next song: random positions whose next song differs from the current one.
    for (let q = 0; q < perPlaylist; q++) {
      const i = rng.int(rows.length - 1);
      const current = rows[i];
      const next = rows[i + 1];
      if (next === current) continue;
      const skip = new Set([current]);
      const nearest = bruteForceNearest(vectors, dims, vectors.subarray(current * dims, (current + 1) * dims), hitK, "cosine", skip);
      queries++;
      if (nearest.some((h) => h.index === next)) hits++;
      let shown = 0;
      for (const r of popularOrder) {
        if (r === current) continue;
        if (r === next) {
          popularHits++;
          break;
        }
        if (++shown >= hitK) break;
      }
    }
    // Station from the first `seedCount` distinct songs; the rest of the playlist is the truth.
    const seeds: number[] = [];
    let cut = 0;
    while (cut < rows.length && seeds.length < seedCount) {
      if (!seeds.includes(rows[cut])) seeds.push(rows[cut]);
      cut++;
    }
    const later = new Set(rows.slice(cut));
    for (const s of seeds) later.delete(s);
    if (seeds.length < seedCount || later.size === 0) continue;
    stations++;
    const station = stationRows(setup, seeds, length, perArtist);
    precisionSum += station.filter((r) => later.has(r)).length / length;
    const popular = popularStationRows(setup, seeds, length, perArtist, popularOrder);
    popularPrecisionSum += popular.filter((r) => later.has(r)).length / length;
  }
  return {
    playlists,
    nextSongQueries: queries,
    hitRateAt10: queries > 0 ? hits / queries : 0,
    popularityHitRateAt10: queries > 0 ? popularHits / queries : 0,
    stations,
    precisionAt50: stations > 0 ? precisionSum / stations : 0,
    popularityPrecisionAt50: stations > 0 ? popularPrecisionSum / stations : 0,
  };
}
