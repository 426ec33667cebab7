/**
 * Pure vector math for the vector search: no I/O, no database, deterministic.
 * Everything works on Float32Array storage with double-precision accumulation
 * (JS numbers), so float32 rounding never decides a ranking.
 */

export type Metric = "cosine" | "euclidean";

// ---------------------------------------------------------------- conversions

/** Copies numbers (or a Float32Array) into a fresh Float32Array. */
export function toFloat32(values: ArrayLike<number>): Float32Array {
  return Float32Array.from(values as ArrayLike<number>);
}

/** True when every value is a finite number (no NaN, no +-Infinity). */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float32 values -> little-endian bytes (the `vector_item.embedding` format). */
export function encodeFloat32(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/**
 * Little-endian float32 bytes -> a fresh Float32Array. Accepts Buffer (node-postgres)
 * and Uint8Array (PGlite). Always copies: a Buffer may sit at an odd offset inside
 * Node's shared pool, and a view would keep that whole pool alive.
 */
export function decodeFloat32(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`float32 data must be a multiple of 4 bytes, got ${bytes.byteLength}`);
  const out = new Float32Array(bytes.byteLength / 4);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}

// ---------------------------------------------------------------- distances

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

// ---------------------------------------------------------------- top-k

/**
 * Keeps the k smallest (distance, index) pairs seen so far in a bounded max-heap:
 * O(n log k) for n offers, and offers worse than the current k-th cost one comparison.
 */
export class TopK {
  private readonly distances: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a non-negative integer, got ${k}`);
    this.distances = new Float64Array(k);
    this.indices = new Int32Array(k);
  }

  get count(): number {
    return this.size;
  }

  /** The distance an offer must beat to get in (Infinity while not full). */
  get worst(): number {
    return this.size < this.k ? Infinity : this.distances[0];
  }

  offer(distance: number, index: number): void {
    if (this.size < this.k) {
      // Sift up.
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.distances[parent] >= distance) break;
        this.distances[i] = this.distances[parent];
        this.indices[i] = this.indices[parent];
        i = parent;
      }
      this.distances[i] = distance;
      this.indices[i] = index;
      return;
    }
    if (this.k === 0 || distance >= this.distances[0]) return;
    // Replace the root (current worst) and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const bigger = right < n && this.distances[right] > this.distances[left] ? right : left;
      if (this.distances[bigger] <= distance) break;
      this.distances[i] = this.distances[bigger];
      this.indices[i] = this.indices[bigger];
      i = bigger;
    }
    this.distances[i] = distance;
    this.indices[i] = index;
  }

  /** The kept pairs, best (smallest distance) first; ties by smaller index. */
  sorted(): { index: number; distance: number }[] {
    const out: { index: number; distance: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.indices[i], distance: this.distances[i] });
    return out.sort((a, b) => a.distance - b.distance || a.index - b.index);
  }
}

/** The k smallest of `distances` as indices, best first. */
export function topKSmallest(distances: ArrayLike<number>, k: number): { index: number; distance: number }[] {
  const heap = new TopK(Math.min(k, distances.length));
  for (let i = 0; i < distances.length; i++) heap.offer(distances[i], i);
  return heap.sorted();
}

// ---------------------------------------------------------------- brute force

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

// ---------------------------------------------------------------- random numbers

/** Deterministic PRNG (mulberry32): same seed, same sequence, on every platform. */
export function createRng(seed: number): { next(): number; gaussian(): number; int(maxExclusive: number): number } {
  let state = seed >>> 0;
  let spare: number | undefined;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    // Box-Muller; keeps the second value for the next call.
    gaussian() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
  };
}

// ---------------------------------------------------------------- PCA

export interface Pca {
  dims: number;
  /** Number of components (rows of `basis`). */
  components: number;
  mean: Float32Array;
  /** components x dims, row-major, orthonormal rows, by decreasing variance. */
  basis: Float32Array;
  /** Variance along each component (descending). */
  variances: Float64Array;
  /** Total variance of the sample (sum over all dims), to report the explained share. */
  totalVariance: number;
}

/** Dot product of a[aOffset..+length] and b[bOffset..+length]. */
function dotBetween(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, length: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  const end4 = length - (length % 4);
  for (; i < end4; i += 4) {
    s0 += a[aOffset + i] * b[bOffset + i];
    s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
    s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
    s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
  }
  for (; i < length; i++) s0 += a[aOffset + i] * b[bOffset + i];
  return s0 + s1 + s2 + s3;
}

/**
 * Orthonormalises the rows of a (count x length, row-major) in place by modified
 * Gram-Schmidt; a row that collapses (linearly dependent) is replaced by a fresh
 * random direction so the basis keeps full rank.
 */
function orthonormaliseRows(a: Float64Array, count: number, length: number, rng: ReturnType<typeof createRng>): void {
  for (let c = 0; c < count; c++) {
    const row = c * length;
    for (let attempt = 0; ; attempt++) {
      for (let p = 0; p < c; p++) {
        const d = dotBetween(a, row, a, p * length, length);
        for (let i = 0; i < length; i++) a[row + i] -= d * a[p * length + i];
      }
      const n = Math.sqrt(dotBetween(a, row, a, row, length));
      if (n > 1e-10 || attempt >= 3) {
        const inv = n > 0 ? 1 / n : 0;
        for (let i = 0; i < length; i++) a[row + i] *= inv;
        break;
      }
      for (let i = 0; i < length; i++) a[row + i] = rng.gaussian();
    }
  }
}

/** Eigen-decomposition of a symmetric n x n matrix by cyclic Jacobi; returns values and column eigenvectors. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j] ** 2;
    }
    if (off <= 1e-22 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/**
 * Top `components` principal directions of the rows of `data` (rows x dims, row-major)
 * by randomized subspace iteration (Halko, Martinsson & Tropp 2011): a few passes of
 * X^T X over a random block with oversampling, then Rayleigh-Ritz for the exact
 * ordering inside the block. Deterministic for a given seed.
 */
export function fitPca(
  data: Float32Array,
  dims: number,
  components: number,
  options: { seed?: number; powerIterations?: number; oversample?: number } = {},
): Pca {
  const rows = data.length / dims;
  if (!Number.isInteger(rows) || rows < 1) throw new Error("PCA needs at least one row");
  const rng = createRng(options.seed ?? 1);
  const wanted = Math.max(0, Math.min(components, dims));
  const block = Math.min(dims, wanted + (options.oversample ?? 10));
  const powerIterations = options.powerIterations ?? 4;

  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dims; j++) mean[j] += data[r * dims + j];
  for (let j = 0; j < dims; j++) mean[j] /= rows;
  // The centred sample both ways round (rows x dims and dims x rows), so that both
  // X v and X^T w are contiguous dot products, the fastest loop V8 runs.
  const x = new Float64Array(rows * dims);
  const xt = new Float64Array(rows * dims);
  let totalVariance = 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < dims; j++) {
      const value = data[r * dims + j] - mean[j];
      x[r * dims + j] = value;
      xt[j * rows + r] = value;
      totalVariance += value * value;
    }
  }
  totalVariance /= rows;

  // Column-major blocks: v is block x dims (a direction per row), w is block x rows.
  const v = new Float64Array(block * dims);
  for (let i = 0; i < v.length; i++) v[i] = rng.gaussian();
  orthonormaliseRows(v, block, dims, rng);
  const w = new Float64Array(block * rows);
  const multiplyXV = () => {
    for (let c = 0; c < block; c++) {
      for (let r = 0; r < rows; r++) w[c * rows + r] = dotBetween(x, r * dims, v, c * dims, dims);
    }
  };
  for (let it = 0; it < powerIterations; it++) {
    multiplyXV();
    for (let c = 0; c < block; c++) {
      for (let j = 0; j < dims; j++) v[c * dims + j] = dotBetween(xt, j * rows, w, c * rows, rows);
    }
    orthonormaliseRows(v, block, dims, rng);
  }
  // Rayleigh-Ritz: S = (X v)^T (X v) / rows, block x block.
  multiplyXV();
  const s = new Float64Array(block * block);
  for (let a = 0; a < block; a++) {
    for (let b = a; b < block; b++) {
      s[a * block + b] = s[b * block + a] = dotBetween(w, a * rows, w, b * rows, rows) / rows;
    }
  }
  const eig = symmetricEigen(s, block);
  const order = Array.from({ length: block }, (_, i) => i).sort((a, b) => eig.values[b] - eig.values[a]);
  const basis = new Float32Array(wanted * dims);
  const variances = new Float64Array(wanted);
  for (let c = 0; c < wanted; c++) {
    const e = order[c];
    variances[c] = Math.max(0, eig.values[e]);
    // component c = v * eigenvector e (a unit vector in the span of v).
    for (let j = 0; j < dims; j++) {
      let x = 0;
      for (let b = 0; b < block; b++) x += v[b * dims + j] * eig.vectors[b * block + e];
      basis[c * dims + j] = x;
    }
    // Fix the sign (largest |coordinate| positive) so fits are reproducible across runs.
    let big = 0;
    for (let j = 0; j < dims; j++) if (Math.abs(basis[c * dims + j]) > Math.abs(big)) big = basis[c * dims + j];
    if (big < 0) for (let j = 0; j < dims; j++) basis[c * dims + j] = -basis[c * dims + j];
  }
  return { dims, components: wanted, mean: Float32Array.from(mean), basis, variances, totalVariance };
}

/** Coordinates of `vector` in the PCA basis: basis * (vector - mean), as doubles. */
export function project(pca: Pick<Pca, "dims" | "components" | "mean" | "basis">, vector: ArrayLike<number>): number[] {
  return Array.from(projectInto(pca, vector, new Float64Array(pca.components), pca.components));
}

/** Writes the first `components` PCA coordinates of `vector` into out (no allocation per call beyond one scratch row). */
export function projectInto(
  pca: Pick<Pca, "dims" | "mean" | "basis">,
  vector: ArrayLike<number>,
  out: Float64Array,
  components: number,
): Float64Array {
  const { dims, mean, basis } = pca;
  const centred = scratchRow(dims);
  for (let j = 0; j < dims; j++) centred[j] = vector[j] - mean[j];
  for (let c = 0; c < components; c++) out[c] = dotAt64(centred, basis, c * dims, dims);
  return out;
}

let scratch = new Float64Array(0);
function scratchRow(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length);
  return scratch;
}

/** Serialises mean + basis as the `vector_collection.projection` bytes (float32 LE). */
export function encodeProjection(pca: Pick<Pca, "mean" | "basis">): Uint8Array {
  const all = new Float32Array(pca.mean.length + pca.basis.length);
  all.set(pca.mean, 0);
  all.set(pca.basis, pca.mean.length);
  return encodeFloat32(all);
}

export function decodeProjection(bytes: Uint8Array, dims: number, components: number): Pick<Pca, "dims" | "components" | "mean" | "basis"> {
  const all = decodeFloat32(bytes);
  if (all.length !== dims * (components + 1)) {
    throw new Error(`projection has ${all.length} floats, expected ${dims * (components + 1)} for ${dims} dims x ${components} components`);
  }
  return { dims, components, mean: all.slice(0, dims), basis: all.slice(dims) };
}
