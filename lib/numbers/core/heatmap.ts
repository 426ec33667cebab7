// Compact heat-map data for the page: languages in tree order and, per pair,
// the score and the ten distances. Plain arrays, so 2775 pairs travel as a few
// tens of kilobytes instead of one object per pair.

import { NUMBER_COUNT } from "./parse";
import type { LanguagePair } from "./types";

export interface HeatmapData {
  /** Languages in tree order: row i and column i are names[i]. */
  names: string[];
  /** Pair scores by pairSlot(i, j), rounded to 4 decimals. */
  scores: number[];
  /** Distances in tenths (they are sums of costs in tenths), NUMBER_COUNT per pair slot. */
  tenths: number[];
}

/** Index of the unordered pair {i, j} (i != j) among the n * (n - 1) / 2 pairs. */
export function pairSlot(i: number, j: number, n: number): number {
  if (i === j || i < 0 || j < 0 || i >= n || j >= n) throw new RangeError(`no pair slot for (${i}, ${j}) of ${n}`);
  const [low, high] = i < j ? [i, j] : [j, i];
  // Rows before `low` hold n-1, n-2, ... pairs.
  return low * n - (low * (low + 1)) / 2 + (high - low - 1);
}

export function buildHeatmapData(treeOrder: readonly string[], pairs: readonly LanguagePair[]): HeatmapData {
  const n = treeOrder.length;
  const index = new Map(treeOrder.map((name, i) => [name, i]));
  const slots = (n * (n - 1)) / 2;
  const scores = new Array<number>(slots).fill(NaN);
  const tenths = new Array<number>(slots * NUMBER_COUNT).fill(0);
  for (const pair of pairs) {
    const i = index.get(pair.a);
    const j = index.get(pair.b);
    if (i === undefined || j === undefined) throw new Error(`pair ${pair.a} / ${pair.b} names a language outside the tree`);
    const slot = pairSlot(i, j, n);
    scores[slot] = Math.round(pair.score * 10_000) / 10_000;
    for (let k = 0; k < NUMBER_COUNT; k++) tenths[slot * NUMBER_COUNT + k] = Math.round(pair.distances[k] * 10);
  }
  const missing = scores.findIndex(Number.isNaN);
  if (missing >= 0) throw new Error(`the pairs do not cover every pair of the ${n} languages`);
  return { names: [...treeOrder], scores, tenths };
}

export interface HeatmapCell {
  a: string;
  b: string;
  /** 1 on the diagonal. */
  score: number;
  distances: number[];
}

/** The cell at row i, column j (any order; the matrix is symmetric). */
export function heatmapCell(data: HeatmapData, i: number, j: number): HeatmapCell {
  const n = data.names.length;
  if (i === j) return { a: data.names[i], b: data.names[j], score: 1, distances: new Array<number>(NUMBER_COUNT).fill(0) };
  const slot = pairSlot(i, j, n);
  const distances = data.tenths.slice(slot * NUMBER_COUNT, (slot + 1) * NUMBER_COUNT).map((t) => t / 10);
  return { a: data.names[i], b: data.names[j], score: data.scores[slot], distances };
}

/** Lowest and highest pair score (the colour scale's domain); [0, 1] without pairs. */
export function scoreExtent(data: HeatmapData): [number, number] {
  if (data.scores.length === 0) return [0, 1];
  let low = Infinity;
  let high = -Infinity;
  for (const score of data.scores) {
    if (score < low) low = score;
    if (score > high) high = score;
  }
  return [low, high];
}

/** One row of the matrix as a list: every other language with its score to row i's, best first (ties in tree order). */
export function heatmapRow(data: HeatmapData, i: number): { name: string; score: number }[] {
  const row: { name: string; score: number }[] = [];
  for (let j = 0; j < data.names.length; j++) if (j !== i) row.push({ name: data.names[j], score: heatmapCell(data, i, j).score });
  return row.sort((x, y) => y.score - x.score);
}
