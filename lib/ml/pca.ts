// Principal component analysis by block power iteration with a Jacobi eigen solver:
// pure, deterministic for a seed, used by the vector search's reduced coordinates and
// by the movie map layout.

import { createRng } from "./rng";
import { dotAt64 } from "./vectors";


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
