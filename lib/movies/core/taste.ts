// "Your taste": a linear classifier on the film vectors, as in Osinga's notebook.
// Logistic regression on liked = 1 / disliked = 0; with nothing disliked, random
// catalogue films are the (weak) negatives. Pure logic: the route fetches the vectors
// and ranks the catalogue with the shared vector search (for unit rows, w·x ranks
// exactly like the cosine of x and w, so the best films are the nearest to w and the
// worst the nearest to -w).

export interface TasteExample {
  vector: ArrayLike<number>;
  label: 0 | 1;
  /** Sample weight (class balancing, weak negatives). */
  weight: number;
}

export interface TasteModel {
  weights: Float64Array;
  bias: number;
}

export interface TrainTasteOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  learningRate?: number;
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
): TasteExample[] {
  if (liked.length === 0) throw new Error("at least one liked film is needed");
  const negativeMass = disliked.length + WEAK_NEGATIVE_WEIGHT * weakNegatives.length;
  if (negativeMass === 0) throw new Error("need disliked films or random negatives");
  const positiveWeight = 1 / liked.length;
  const negativeScale = 1 / negativeMass;
  return [
    ...liked.map((vector) => ({ vector, label: 1 as const, weight: positiveWeight })),
    ...disliked.map((vector) => ({ vector, label: 0 as const, weight: negativeScale })),
    ...weakNegatives.map((vector) => ({ vector, label: 0 as const, weight: WEAK_NEGATIVE_WEIGHT * negativeScale })),
  ];
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Weighted L2-regularised logistic regression by full-batch gradient descent (n and dims are small). */
export function trainTaste(examples: readonly TasteExample[], dims: number, options: TrainTasteOptions = {}): TasteModel {
  const l2 = options.l2 ?? 0.01;
  const iterations = options.iterations ?? 400;
  const rate = options.learningRate ?? 2;
  const weights = new Float64Array(dims);
  let bias = 0;
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0) || 1;
  const grad = new Float64Array(dims);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gradBias = 0;
    for (const { vector, label, weight } of examples) {
      let z = bias;
      for (let d = 0; d < dims; d++) z += weights[d] * vector[d];
      const error = (sigmoid(z) - label) * (weight / totalWeight);
      for (let d = 0; d < dims; d++) grad[d] += error * vector[d];
      gradBias += error;
    }
    for (let d = 0; d < dims; d++) weights[d] -= rate * (grad[d] + l2 * weights[d]);
    bias -= rate * gradBias;
  }
  return { weights, bias };
}

/** P(liked) for a vector. */
export function tasteProbability(model: TasteModel, vector: ArrayLike<number>): number {
  let z = model.bias;
  for (let d = 0; d < model.weights.length; d++) z += model.weights[d] * vector[d];
  return sigmoid(z);
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
