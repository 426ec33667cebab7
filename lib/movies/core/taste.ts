// "Your taste": a linear classifier on the film vectors, as in Osinga's notebook.
// Logistic regression on liked = 1 / disliked = 0; with nothing disliked, random
// catalogue films are the (weak) negatives. Pure logic: the route fetches the vectors
// and ranks the catalogue with the shared vector search (for unit rows, w·x ranks
// exactly like the cosine of x and w, so the best films are the nearest to w and the
// worst the nearest to -w).

import { fitLogistic, logisticProbability, sigmoid, type LogisticModel } from "@/lib/ml/logistic";

export interface TasteExample {
  vector: ArrayLike<number>;
  label: 0 | 1;
  /** Sample weight (class balancing, weak negatives). */
  weight: number;
}

/** Weights on the raw film vector (not standardised) and a bias. */
export type TasteModel = LogisticModel;

export interface TrainTasteOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
}

/** How many random catalogue films stand in for "disliked" when nothing is disliked. */
export const RANDOM_NEGATIVES = 100;
/** A random negative counts this much relative to a real dislike, before class balancing. */
export const WEAK_NEGATIVE_WEIGHT = 0.5;

/**
 * Training examples: liked -> 1, disliked -> 0, weak negatives -> 0 at a lower weight.
 * The two classes are balanced (each sums to the same total weight), so two likes are
 * not drowned by a hundred random films.
 */
export function tasteExamples(
  liked: readonly ArrayLike<number>[],
  disliked: readonly ArrayLike<number>[],
  weakNegatives: readonly ArrayLike<number>[] = [],
  /** With both dislikes and weak negatives: the dislikes' share of the negative class (default: by count, a weak one at WEAK_NEGATIVE_WEIGHT). */
  dislikeShare?: number,
): TasteExample[] {
  if (liked.length === 0) throw new Error("at least one liked film is needed");
  const negativeMass = disliked.length + WEAK_NEGATIVE_WEIGHT * weakNegatives.length;
  if (negativeMass === 0) throw new Error("need disliked films or random negatives");
  const positiveWeight = 1 / liked.length;
  let dislikeWeight = 1 / negativeMass;
  let weakWeight = WEAK_NEGATIVE_WEIGHT / negativeMass;
  if (dislikeShare !== undefined && disliked.length && weakNegatives.length) {
    dislikeWeight = dislikeShare / disliked.length;
    weakWeight = (1 - dislikeShare) / weakNegatives.length;
  }
  return [
    ...liked.map((vector) => ({ vector, label: 1 as const, weight: positiveWeight })),
    ...disliked.map((vector) => ({ vector, label: 0 as const, weight: dislikeWeight })),
    ...weakNegatives.map((vector) => ({ vector, label: 0 as const, weight: weakWeight })),
  ];
}

/** Weighted L2-regularised logistic regression (lib/ml/logistic): weighted mean log loss + l2/2 |w|^2, fitted to convergence. */
export function trainTaste(examples: readonly TasteExample[], options: TrainTasteOptions = {}): TasteModel {
  return fitLogistic(
    examples.map((e) => e.vector),
    examples.map((e) => e.label),
    { sampleWeights: examples.map((e) => e.weight), l2: options.l2 ?? 0.01 },
  );
}

/**
 * How "your taste" is learned. The original trains on likes vs dislikes alone once anything
 * is disliked, so one dislike decides the whole direction (three sci-fi likes and Titanic
 * gave "not Titanic": The Green Hornet, Tokyo Drift). Robust: the random catalogue films
 * stay in as weak negatives even with dislikes (the classifier still learns "liked vs the
 * catalogue"; dislikes only push further), and the learned direction is blended with the
 * direction of the liked films' mean (a prior towards their neighbourhood).
 */
export interface TasteSettings {
  /** L2 penalty on the weights. */
  l2: number;
  /** Keep the random weak negatives when there are real dislikes. */
  weakWithDislikes: boolean;
  /** Share of the liked films' mean direction in the final direction (0 = the classifier alone). */
  prior: number;
  /** With dislikes and random negatives, the dislikes' share of the negative class (undefined: by count). */
  dislikeShare?: number;
}

export const ORIGINAL_TASTE: TasteSettings = { l2: 0.01, weakWithDislikes: false, prior: 0 };
/** Chosen with bench/movies-taste.ts on the DEV groups (overlap@10 with one random dislike added, and group hits). */
export const ROBUST_TASTE: TasteSettings = { l2: 0.01, weakWithDislikes: true, prior: 0.5, dislikeShare: 0.5 };

/**
 * The taste model: a classifier whose weight vector is turned towards the liked films' mean
 * by `settings.prior` (towardsLiked). The route ranks the best picks by it and the worst by
 * the classifier alone (a prior towards the likes says nothing about what you dislike).
 */
export function learnTaste(
  liked: readonly ArrayLike<number>[],
  disliked: readonly ArrayLike<number>[],
  weakNegatives: readonly ArrayLike<number>[],
  settings: TasteSettings = ROBUST_TASTE,
): TasteModel {
  return towardsLiked(tasteClassifier(liked, disliked, weakNegatives, settings), liked, settings.prior);
}

/** The logistic classifier of `settings`, without the prior. */
export function tasteClassifier(
  liked: readonly ArrayLike<number>[],
  disliked: readonly ArrayLike<number>[],
  weakNegatives: readonly ArrayLike<number>[],
  settings: TasteSettings = ROBUST_TASTE,
): TasteModel {
  const weak = disliked.length && !settings.weakWithDislikes ? [] : weakNegatives;
  return trainTaste(tasteExamples(liked, disliked, weak, settings.dislikeShare), { l2: settings.l2 });
}

/**
 * The model's weight vector turned towards the liked films' mean direction by `prior` (same
 * length, so P(liked) stays on the classifier's scale). The mean uses unit vectors so no
 * film outweighs another.
 */
export function towardsLiked(model: TasteModel, liked: readonly ArrayLike<number>[], prior: number): TasteModel {
  const norm = weightNorm(model);
  if (prior <= 0 || !(norm > 1e-9)) return model;
  const dims = model.weights.length;
  const mean = new Float64Array(dims);
  for (const v of liked) {
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d] * v[d];
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < dims; d++) mean[d] += v[d] / n;
  }
  const meanNorm = Math.hypot(...mean) || 1;
  const blended = Array.from(model.weights, (w, d) => (1 - prior) * (w / norm) + prior * (mean[d] / meanNorm));
  const blendedNorm = Math.hypot(...blended) || 1;
  return { ...model, weights: blended.map((w) => (w / blendedNorm) * norm) };
}

/** P(liked) for a vector. */
export function tasteProbability(model: TasteModel, vector: ArrayLike<number>): number {
  return logisticProbability(model, vector);
}

/** P(liked) of a unit vector whose cosine with the weight vector is `cosine`. */
export function probabilityFromCosine(model: TasteModel, cosine: number): number {
  return sigmoid(model.bias + weightNorm(model) * cosine);
}

export function weightNorm(model: TasteModel): number {
  let s = 0;
  for (const w of model.weights) s += w * w;
  return Math.sqrt(s);
}

/**
 * Ranks a whole catalogue of rows (brute force; the route uses the vector search
 * instead, with the same result for unit rows): the k most and least likely to be liked.
 */
export function rankCatalogue(
  model: TasteModel,
  vectors: Float32Array,
  dims: number,
  exclude: ReadonlySet<number>,
  k: number,
): { best: { index: number; score: number }[]; worst: { index: number; score: number }[] } {
  const scored: { index: number; score: number }[] = [];
  const n = vectors.length / dims;
  for (let i = 0; i < n; i++) {
    if (exclude.has(i)) continue;
    scored.push({ index: i, score: tasteProbability(model, vectors.subarray(i * dims, (i + 1) * dims)) });
  }
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return { best: scored.slice(0, k), worst: scored.slice(-k).reverse() };
}

/** `count` distinct indices in [0, n) not in `exclude`, from a seeded generator (same input, same sample). */
export function sampleIndices(n: number, count: number, seed: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const available = n - [...exclude].filter((i) => i >= 0 && i < n).length;
  const want = Math.max(0, Math.min(count, available));
  const chosen = new Set<number>();
  let state = seed >>> 0 || 1;
  while (chosen.size < want) {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const i = state % n;
    if (!exclude.has(i)) chosen.add(i);
  }
  return [...chosen];
}

/** A stable 32-bit seed from strings (FNV-1a), so the same likes give the same random negatives. */
export function seedFromStrings(parts: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
