// Quality measures: held-out link prediction (AUC, hits@k) and whether known
// groups of films (series, remakes, a director's films) come out as neighbours.

import { TopK } from "@/lib/ml/top-k";
import { createRng } from "@/lib/ml/rng";
import { bruteForceNearest, dotAt } from "@/lib/ml/vectors";

import { pairCosine, type EmbeddingModel } from "@/lib/ml/embedding/model";
import { PairIndex, type PairList } from "@/lib/ml/embedding/pairs";
import type { Film } from "../core/types";

/**
 * Splits the pairs into training and held-out ones: each pair is held out with
 * probability `fraction`, but every film and every link keeps at least
 * `keepPerFilm` / 2 training pairs so it still gets an embedding.
 */
export function splitHoldout(filmLinks: readonly Int32Array[], linkCount: number, fraction: number, seed: number, keepPerFilm = 3): { train: PairList; heldOut: PairList } {
  const rng = createRng(seed);
  const linkLeft = new Int32Array(linkCount);
  for (const ids of filmLinks) for (const l of ids) linkLeft[l]++;
  const train: [number, number][] = [];
  const held: [number, number][] = [];
  filmLinks.forEach((ids, f) => {
    let left = ids.length;
    for (const l of ids) {
      if (rng.next() < fraction && left > keepPerFilm && linkLeft[l] > 2) {
        held.push([f, l]);
        left--;
        linkLeft[l]--;
      } else train.push([f, l]);
    }
  });
  const toList = (pairs: [number, number][]): PairList => ({ rows: Int32Array.from(pairs, (p) => p[0]), contexts: Int32Array.from(pairs, (p) => p[1]) });
  return { train: toList(train), heldOut: toList(held) };
}

export interface LinkPredictionResult {
  /** P(score of a held-out real pair > score of a random non-pair of the same film). */
  auc: number;
  /** The same AUC when links are scored by how many training films have them (a baseline). */
  popularityAuc: number;
  /** Share of held-out pairs whose link ranks in the top k of all links the film does not have in training. */
  hitsAtK: number;
  popularityHitsAtK: number;
  k: number;
  heldOutPairs: number;
  rankedPairs: number;
}

/**
 * AUC over `negatives` random non-links per held-out pair (corrupting the link,
 * as recommending links for a film would), and hits@k on up to `rankSample`
 * held-out pairs ranked against every link.
 */
export function evaluateLinkPrediction(
  model: EmbeddingModel,
  train: PairList,
  heldOut: PairList,
  options: { negatives?: number; k?: number; rankSample?: number; seed?: number } = {},
): LinkPredictionResult {
  const negatives = options.negatives ?? 10;
  const k = options.k ?? 10;
  const rankSample = options.rankSample ?? 2000;
  const rng = createRng(options.seed ?? 7);
  const { contextCount: linkCount, dims } = model;
  const all = new PairIndex({ rows: Int32Array.from([...train.rows, ...heldOut.rows]), contexts: Int32Array.from([...train.contexts, ...heldOut.contexts]) }, linkCount);
  const trainIndex = new PairIndex(train, linkCount);
  const popularity = new Float64Array(linkCount);
  for (const l of train.contexts) popularity[l]++;
  // Tie-break popularity by a tiny random jitter so ties count half on average.
  const popJitter = Float64Array.from(popularity, (p) => p + rng.next() * 1e-3);

  let wins = 0;
  let popWins = 0;
  let comparisons = 0;
  for (let i = 0; i < heldOut.rows.length; i++) {
    const f = heldOut.rows[i];
    const l = heldOut.contexts[i];
    const s = pairCosine(model, f, l);
    for (let n = 0; n < negatives; n++) {
      let x: number;
      do x = rng.int(linkCount);
      while (all.has(f, x));
      const sx = pairCosine(model, f, x);
      wins += s > sx ? 1 : s === sx ? 0.5 : 0;
      popWins += popJitter[l] > popJitter[x] ? 1 : 0;
      comparisons++;
    }
  }

  // hits@k: rank the held-out link among all links not in the film's training set.
  const unitLinks = new Float32Array(model.contextVectors.length);
  for (let o = 0; o < unitLinks.length; o += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += model.contextVectors[o + d] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dims; d++) unitLinks[o + d] = model.contextVectors[o + d] * inv;
  }
  const popOrder = Array.from({ length: linkCount }, (_, i) => i).sort((a, b) => popJitter[b] - popJitter[a]);
  const sample = Math.min(rankSample, heldOut.rows.length);
  let hits = 0;
  let popHits = 0;
  const filmVec = new Float32Array(dims);
  for (let n = 0; n < sample; n++) {
    const i = sample === heldOut.rows.length ? n : rng.int(heldOut.rows.length);
    const f = heldOut.rows[i];
    const l = heldOut.contexts[i];
    for (let d = 0; d < dims; d++) filmVec[d] = model.rowVectors[f * dims + d];
    const target = dotAt(filmVec, unitLinks, l * dims, dims);
    let better = 0;
    for (let x = 0; x < linkCount && better < k; x++) {
      if (x === l || trainIndex.has(f, x)) continue;
      if (dotAt(filmVec, unitLinks, x * dims, dims) > target) better++;
    }
    if (better < k) hits++;
    let popBetter = 0;
    for (const x of popOrder) {
      if (x === l) break;
      if (trainIndex.has(f, x)) continue;
      if (++popBetter >= k) break;
    }
    if (popBetter < k) popHits++;
  }
  return {
    auc: wins / comparisons,
    popularityAuc: popWins / comparisons,
    hitsAtK: hits / sample,
    popularityHitsAtK: popHits / sample,
    k,
    heldOutPairs: heldOut.rows.length,
    rankedPairs: sample,
  };
}

// ---------------------------------------------------------------- groups

export interface FilmGroup {
  name: string;
  kind: "series" | "remakes" | "person" | "studio";
  /** Matches display titles; `years` limits the release years (inclusive). */
  title?: RegExp;
  years?: [number, number];
  /** Or: films that have this link (e.g. a director's article). */
  link?: string;
}

/** Indices of the films in a group. */
export function groupMembers(group: FilmGroup, films: readonly Film[], filmLinks?: readonly Int32Array[], linkId?: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  const wanted = group.link !== undefined ? linkId?.get(group.link) : undefined;
  films.forEach((f, i) => {
    if (group.years && (f.year === null || f.year < group.years[0] || f.year > group.years[1])) return;
    if (group.title && !group.title.test(f.displayTitle)) return;
    if (group.link !== undefined) {
      if (wanted === undefined || !filmLinks) return;
      const ids = filmLinks[i];
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ids[mid] < wanted) lo = mid + 1;
        else hi = mid;
      }
      if (ids[lo] !== wanted) return;
    }
    out.push(i);
  });
  return out;
}

export interface GroupRecall {
  name: string;
  kind: FilmGroup["kind"];
  members: number;
  /** Mean over members of |10 nearest films in the group| / min(10, members - 1). */
  recall: number;
}

/**
 * recall@k of each group: for every member, the share of its k nearest films
 * (cosine, itself excluded) that are in the group, out of the most it could
 * have (min(k, group size - 1)); averaged over the members. `neighbours(i, k)`
 * returns film i's k nearest films.
 */
export function groupRecall(groups: readonly { group: FilmGroup; members: number[] }[], neighbours: (film: number, k: number) => number[], k = 10): GroupRecall[] {
  return groups
    .filter((g) => g.members.length >= 2)
    .map(({ group, members }) => {
      const inGroup = new Set(members);
      let sum = 0;
      for (const m of members) {
        const near = neighbours(m, k);
        let hit = 0;
        for (const n of near) if (n !== m && inGroup.has(n)) hit++;
        sum += hit / Math.min(k, members.length - 1);
      }
      return { name: group.name, kind: group.kind, members: members.length, recall: sum / members.length };
    });
}

/** k nearest rows of unit vectors (cosine) to row i, itself excluded. */
export function nearestByVector(unit: Float32Array, dims: number, i: number, k: number): number[] {
  const q = unit.subarray(i * dims, (i + 1) * dims);
  return bruteForceNearest(unit, dims, q, k, "cosine", new Set([i])).map((h) => h.index);
}

/** Baseline without a model: k films sharing the most links with film i, by cosine of the binary link sets. */
export function nearestByLinkOverlap(filmLinks: readonly Int32Array[], linkFilms: readonly Int32Array[], i: number, k: number): number[] {
  const counts = new Map<number, number>();
  for (const l of filmLinks[i]) for (const f of linkFilms[l]) if (f !== i) counts.set(f, (counts.get(f) ?? 0) + 1);
  const heap = new TopK(k);
  const ni = Math.sqrt(filmLinks[i].length);
  for (const [f, c] of counts) heap.offer(-c / (ni * Math.sqrt(filmLinks[f].length)) + f * 1e-12, f);
  return heap.sorted().map((h) => h.index);
}

/** For each link, the films that have it. */
export function invertFilmLinks(filmLinks: readonly Int32Array[], linkCount: number): Int32Array[] {
  const counts = new Int32Array(linkCount);
  for (const ids of filmLinks) for (const l of ids) counts[l]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  counts.fill(0);
  filmLinks.forEach((ids, f) => {
    for (const l of ids) out[l][counts[l]++] = f;
  });
  return out;
}
