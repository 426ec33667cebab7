// The radio corpus: the cleaned catalogue, a held-out share of playlists (fixed by seed),
// the playlist filters and the vocabulary (songs played at least minCount times in the
// training playlists, most played first). The training script and the bench share it so
// both measure the same corpus.

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

import { createRng } from "@/lib/ml/rng";

import { buildCatalogue, canonicalPlaylists, createCleanLog, parsePlaylists, parseSongHash, parseTagHash, parseTags, type Catalogue, type CleanLog } from "./parse";


function readMaybeGz(dir: string, name: string): string {
  const gz = path.join(dir, `${name}.gz`);
  if (fs.existsSync(gz)) return zlib.gunzipSync(fs.readFileSync(gz)).toString("utf8");
  return fs.readFileSync(path.join(dir, name), "utf8");
}

export interface SourceData {
  catalogue: Catalogue;
  /** Playlists in canonical ids, in file order. */
  playlists: Int32Array[];
  cleanLog: CleanLog;
  rawSongs: number;
}

/** Reads and cleans the Yes.com files (train.txt, song_hash.txt, tags.txt, tag_hash.txt, .gz or plain). */
export function loadSource(dir: string): SourceData {
  const cleanLog = createCleanLog();
  const raw = parseSongHash(readMaybeGz(dir, "song_hash.txt"), cleanLog);
  const tagNames = parseTagHash(readMaybeGz(dir, "tag_hash.txt"));
  const tags = parseTags(readMaybeGz(dir, "tags.txt"), tagNames);
  const catalogue = buildCatalogue(raw, tags);
  const playlists = canonicalPlaylists(parsePlaylists(readMaybeGz(dir, "train.txt")), catalogue.canonical);
  return { catalogue, playlists, cleanLog, rawSongs: raw.length };
}

/** Playlist indices split into training and held-out shares, fixed by seed. */
export function splitPlaylists(count: number, holdout: number, seed: number): { train: number[]; heldOut: number[] } {
  const rng = createRng(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < count; i++) (rng.next() < holdout ? heldOut : train).push(i);
  return { train, heldOut };
}

export interface PlaylistFilter {
  /** Drop playlists longer than this many songs (0 = no limit). */
  maxLength: number;
  /** Drop playlists where one artist plays more than this share of the songs (1 = keep all). */
  maxArtistShare: number;
  /** Drop playlists shorter than this (no context to learn from). */
  minLength: number;
}

export const DEFAULT_FILTER: PlaylistFilter = { maxLength: 0, maxArtistShare: 0.5, minLength: 2 };

/** Share of the playlist's (known-artist) songs by its most played artist. */
export function topArtistShare(playlist: ArrayLike<number>, artistOf: (id: number) => string): number {
  const counts = new Map<string, number>();
  let best = 0;
  for (let i = 0; i < playlist.length; i++) {
    const a = artistOf(playlist[i]);
    if (a === "") continue;
    const c = (counts.get(a) ?? 0) + 1;
    counts.set(a, c);
    if (c > best) best = c;
  }
  return playlist.length > 0 ? best / playlist.length : 0;
}

export interface FilterReport {
  kept: number;
  tooShort: number;
  tooLong: number;
  oneArtist: number;
}

export function filterPlaylists(playlists: readonly Int32Array[], artistOf: (id: number) => string, filter: PlaylistFilter): { kept: Int32Array[]; report: FilterReport } {
  const report: FilterReport = { kept: 0, tooShort: 0, tooLong: 0, oneArtist: 0 };
  const kept: Int32Array[] = [];
  for (const p of playlists) {
    if (p.length < filter.minLength) report.tooShort++;
    else if (filter.maxLength > 0 && p.length > filter.maxLength) report.tooLong++;
    else if (topArtistShare(p, artistOf) > filter.maxArtistShare) report.oneArtist++;
    else {
      kept.push(p);
      report.kept++;
    }
  }
  return { kept, report };
}

export interface Vocabulary {
  /** Song id of each row, most played first (ties: lower id first). */
  ids: number[];
  /** Song id -> row. */
  index: Map<number, number>;
  /** Plays of each row in the training playlists. */
  plays: number[];
}

export function buildVocabulary(playlists: readonly ArrayLike<number>[], minCount: number): Vocabulary {
  const counts = new Map<number, number>();
  for (const p of playlists) for (let i = 0; i < p.length; i++) counts.set(p[i], (counts.get(p[i]) ?? 0) + 1);
  const ids = [...counts.entries()].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return { ids: ids.map(([id]) => id), index: new Map(ids.map(([id], i) => [id, i])), plays: ids.map(([, c]) => c) };
}

/** Playlists as vocabulary rows, songs outside the vocabulary dropped (as word2vec does). */
export function toSentences(playlists: readonly ArrayLike<number>[], vocab: Vocabulary): Int32Array[] {
  const out: Int32Array[] = [];
  for (const p of playlists) {
    const s: number[] = [];
    for (let i = 0; i < p.length; i++) {
      const r = vocab.index.get(p[i]);
      if (r !== undefined) s.push(r);
    }
    if (s.length >= 2) out.push(Int32Array.from(s));
  }
  return out;
}
