/**
 * Vector kernels shared by every demo: dot products, norms, distances and exact
 * brute-force nearest neighbours. Pure, browser-safe, deterministic; Float32Array
 * storage with double-precision accumulation, so float32 rounding never decides a ranking.
 */

import { TopK } from "./top-k";

export type Metric = "cosine" | "euclidean";

/** True when every value is a finite number (no NaN, no +-Infinity). */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}


// The hot loops come in one typed version per argument combination: V8 optimises a
// function for the array types it has seen, and one kernel fed Float32Array, Float64Array
// and number[] alike runs several times slower than these monomorphic ones.

/** Dot product of q and the `length` values of matrix at offset (a row of a row-major matrix). */
export function dotAt(q: Float32Array, matrix: Float32Array, offset: number, length: number): number {
  // Four accumulators let V8 pipeline the multiply-adds; ~2x faster than one.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  const end4 = length - (length % 4);
  for (; i < end4; i += 4) {
    s0 += q[i] * matrix[offset + i];
    s1 += q[i + 1] * matrix[offset + i + 1];
    s2 += q[i + 2] * matrix[offset + i + 2];
    s3 += q[i + 3] * matrix[offset + i + 3];
  }
  for (; i < length; i++) s0 += q[i] * matrix[offset + i];
  return s0 + s1 + s2 + s3;
}

/** Squared Euclidean distance between q and the `length` values of matrix at offset. */
export function squaredDistanceAt(q: Float32Array, matrix: Float32Array, offset: number, length: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  const end4 = length - (length % 4);
  for (; i < end4; i += 4) {
    const d0 = q[i] - matrix[offset + i];
    const d1 = q[i + 1] - matrix[offset + i + 1];
    const d2 = q[i + 2] - matrix[offset + i + 2];
    const d3 = q[i + 3] - matrix[offset + i + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < length; i++) {
    const d = q[i] - matrix[offset + i];
    s0 += d * d;
  }
  return s0 + s1 + s2 + s3;
}

/** dotAt with a double-precision left side (projections: centred vector x float32 basis). */
export function dotAt64(q: Float64Array, matrix: Float32Array, offset: number, length: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  const end4 = length - (length % 4);
  for (; i < end4; i += 4) {
    s0 += q[i] * matrix[offset + i];
    s1 += q[i + 1] * matrix[offset + i + 1];
    s2 += q[i + 2] * matrix[offset + i + 2];
    s3 += q[i + 3] * matrix[offset + i + 3];
  }
  for (; i < length; i++) s0 += q[i] * matrix[offset + i];
  return s0 + s1 + s2 + s3;
}

/** squaredDistanceAt with a double-precision left side (pruning bounds: projected query x float32 coordinates). */
export function squaredDistanceAt64(q: Float64Array, matrix: Float32Array, offset: number, length: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  const end4 = length - (length % 4);
  for (; i < end4; i += 4) {
    const d0 = q[i] - matrix[offset + i];
    const d1 = q[i + 1] - matrix[offset + i + 1];
    const d2 = q[i + 2] - matrix[offset + i + 2];
    const d3 = q[i + 3] - matrix[offset + i + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < length; i++) {
    const d = q[i] - matrix[offset + i];
    s0 += d * d;
  }
  return s0 + s1 + s2 + s3;
}

/** Dot product of any two equal-length vectors (not for hot loops). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`dimension mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** a / |a| as a new Float32Array; the zero vector stays zero (its cosine to anything is 0). */
export function normalise(a: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(a as ArrayLike<number>);
  const n = norm(out);
  if (n > 0) for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  return dot(a, b) / (na * nb);
}

export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`dimension mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** The distance the search ranks by: 1 - cosine similarity, or Euclidean distance. */
export function distance(metric: Metric, a: ArrayLike<number>, b: ArrayLike<number>): number {
  return metric === "cosine" ? 1 - cosineSimilarity(a, b) : euclideanDistance(a, b);
}

/** Higher is better, for display: cosine similarity, or 1 / (1 + d) for Euclidean (in (0, 1]). */
export function scoreFromDistance(metric: Metric, d: number): number {
  return metric === "cosine" ? 1 - d : 1 / (1 + d);
}

/** v scaled to unit length in place (a zero vector stays zero); returns v. */
export function normaliseInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}

/** Rows of a row-major matrix scaled to unit length, as a new matrix (a zero row stays zero). */
export function normaliseRows(matrix: Float32Array, dims: number): Float32Array {
  const out = matrix.slice();
  for (let o = 0; o < out.length; o += dims) normaliseInPlace(out.subarray(o, o + dims));
  return out;
}

/**
 * Rows minus their mean row, as a new matrix. Embeddings trained with negative sampling
 * share a common direction (word2vec's song vectors: random pairs at cosine ~0.55), which
 * pulls every average of many vectors towards the rarely seen items near that direction;
 * removing it before cosine search spreads the neighbourhoods apart.
 */
export function centreRows(matrix: Float32Array, dims: number): Float32Array {
  const rows = matrix.length / dims;
  const mean = new Float64Array(dims);
  for (let o = 0; o < matrix.length; o += dims) for (let j = 0; j < dims; j++) mean[j] += matrix[o + j];
  for (let j = 0; j < dims; j++) mean[j] /= rows || 1;
  const out = new Float32Array(matrix.length);
  for (let o = 0; o < matrix.length; o += dims) for (let j = 0; j < dims; j++) out[o + j] = matrix[o + j] - mean[j];
  return out;
}


/**
 * Exact k nearest rows of a row-major matrix (rows x dims) to `query`.
 * Cosine expects rows and query already normalised (then distance = 1 - dot).
 * `skip` rows (e.g. excluded keys) are never returned.
 */
export function bruteForceNearest(
  matrix: Float32Array,
  dims: number,
  query: Float32Array,
  k: number,
  metric: Metric,
  skip?: ReadonlySet<number>,
): { index: number; distance: number }[] {
  const rows = matrix.length / dims;
  const heap = new TopK(Math.min(k, rows));
  for (let r = 0, offset = 0; r < rows; r++, offset += dims) {
    const d = metric === "cosine" ? 1 - dotAt(query, matrix, offset, dims) : squaredDistanceAt(query, matrix, offset, dims);
    if (d < heap.worst && !(skip && skip.has(r))) heap.offer(d, r);
  }
  const result = heap.sorted();
  if (metric === "euclidean") for (const hit of result) hit.distance = Math.sqrt(hit.distance);
  return result;
}

