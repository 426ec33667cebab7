/**
 * The search space of the reverse image search: a fixed transform of the raw 768-d
 * MobileNet embedding (what the browser worker and the server's upload path both compute),
 * applied by the server to every stored photo at seed time and to every query vector at
 * search time, plus average query expansion. Pure (no Node, no database).
 *
 *   raw x (768, non-negative)
 *   -> power normalisation  sign(x) |x|^power, then L2 to unit length
 *   -> PCA whitening        W (x - mean), W = diag(1 / sqrt(variance_i + shrinkage * mean variance)) U^T,
 *                           U = the top `outDims` principal directions of the collection
 *   -> L2 to unit length    (the vector search ranks by cosine)
 *
 * Query expansion (average QE, Chum et al. 2007): the query's top-n photos are found, and
 * the search is run again with normalise(q + sum of their vectors). n = 0 is the identity.
 *
 * Chosen on a dev split by scripts/image-search/tune.ts; the fitted transform is committed as
 * data/image-search/transform.json + transform.f16 (mean and W as float16 rows).
 */
import { z } from "zod";
import { fitPca } from "@/lib/ml/pca";
import { dotAt, normaliseInPlace } from "@/lib/ml/vectors";
import { decodeEmbeddings, encodeEmbeddings } from "./format";

export interface EmbeddingTransform {
  /** Exponent of the power normalisation (1 = none). */
  power: number;
  inDims: number;
  /** Rows of `matrix`; 0 = no whitening (power + L2 only, outDims = inDims). */
  outDims: number;
  /** inDims values subtracted before projecting (empty without whitening). */
  mean: Float32Array;
  /** outDims x inDims, row-major: whitening rows (empty without whitening). */
  matrix: Float32Array;
  /** Neighbours averaged into the query (0 = no query expansion). */
  queryExpansion: number;
}

export const transformManifestSchema = z.object({
  version: z.literal(1),
  description: z.string(),
  power: z.number().positive(),
  inDims: z.number().int().positive(),
  outDims: z.number().int().nonnegative(),
  shrinkage: z.number().nonnegative(),
  queryExpansion: z.number().int().min(0).max(20),
  file: z.string().regex(/^[\w.-]+$/),
  encoding: z.literal("float16"),
  sha256: z.string(),
  /** How it was chosen and what it measured (documentation). */
  fit: z.record(z.string(), z.unknown()),
});
export type TransformManifest = z.infer<typeof transformManifestSchema>;

/** The identity-like transform: L2 normalisation only (plain cosine), no query expansion. */
export function plainCosine(dims: number): EmbeddingTransform {
  return { power: 1, inDims: dims, outDims: 0, mean: new Float32Array(0), matrix: new Float32Array(0), queryExpansion: 0 };
}

/** Dimensions of a transformed vector. */
export function transformedDims(t: Pick<EmbeddingTransform, "inDims" | "outDims">): number {
  return t.outDims > 0 ? t.outDims : t.inDims;
}

/** sign(x)|x|^power, unit length. */
export function powerNormalise(v: ArrayLike<number>, power: number): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = power === 1 ? v[i] : Math.sign(v[i]) * Math.abs(v[i]) ** power;
  return normaliseInPlace(out);
}

/** The raw embedding in the search space (unit length). Throws on a wrong length. */
export function applyTransform(t: EmbeddingTransform, raw: ArrayLike<number>): Float32Array {
  if (raw.length !== t.inDims) throw new Error(`transform expects ${t.inDims} values, got ${raw.length}`);
  const p = powerNormalise(raw, t.power);
  if (t.outDims === 0) return p;
  for (let j = 0; j < t.inDims; j++) p[j] -= t.mean[j];
  const out = new Float32Array(t.outDims);
  for (let k = 0; k < t.outDims; k++) out[k] = dotAt(p, t.matrix, k * t.inDims, t.inDims);
  return normaliseInPlace(out);
}

/** Rows transformed together: each whitening row is read once per block, not once per vector (memory-bound otherwise). */
const BLOCK_ROWS = 16;

/** Every row of a row-major matrix (rows x t.inDims) transformed, as one rows x transformedDims matrix; = applyTransform per row. */
export function applyTransformRows(t: EmbeddingTransform, rows: Float32Array): Float32Array {
  const n = rows.length / t.inDims;
  const d = transformedDims(t);
  const out = new Float32Array(n * d);
  if (t.outDims === 0) {
    for (let r = 0; r < n; r++) out.set(applyTransform(t, rows.subarray(r * t.inDims, (r + 1) * t.inDims)), r * d);
    return out;
  }
  const block = new Float32Array(BLOCK_ROWS * t.inDims);
  for (let r0 = 0; r0 < n; r0 += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, n - r0);
    for (let b = 0; b < count; b++) {
      const p = powerNormalise(rows.subarray((r0 + b) * t.inDims, (r0 + b + 1) * t.inDims), t.power);
      for (let j = 0; j < t.inDims; j++) p[j] -= t.mean[j];
      block.set(p, b * t.inDims);
    }
    for (let k = 0; k < t.outDims; k++) {
      const row = t.matrix.subarray(k * t.inDims, (k + 1) * t.inDims);
      for (let b = 0; b < count; b++) out[(r0 + b) * d + k] = dotAt(row, block, b * t.inDims, t.inDims);
    }
    for (let b = 0; b < count; b++) normaliseInPlace(out.subarray((r0 + b) * d, (r0 + b + 1) * d));
  }
  return out;
}

/**
 * Average query expansion: normalise(query + sum of the neighbours' vectors), all in the
 * search space. With no neighbours it returns the query (normalised), so n = 0 is the identity.
 */
export function expandQuery(query: ArrayLike<number>, neighbours: readonly ArrayLike<number>[]): Float32Array {
  const out = Float32Array.from(query);
  for (const v of neighbours) {
    if (v.length !== out.length) throw new Error(`expandQuery: a neighbour has ${v.length} values, the query ${out.length}`);
    for (let i = 0; i < out.length; i++) out[i] += v[i];
  }
  return normaliseInPlace(out);
}

export interface WhiteningOptions {
  power: number;
  /** Principal directions kept (0 = no whitening). */
  outDims: number;
  /** Added to every variance, as a multiple of the mean kept variance (0 = full whitening). */
  shrinkage: number;
  queryExpansion: number;
  seed?: number;
}

/** Fits the whitening on the rows (rows x dims raw embeddings) after power normalisation. */
export function fitWhitening(rows: Float32Array, dims: number, options: WhiteningOptions): EmbeddingTransform {
  const { power, outDims, shrinkage, queryExpansion } = options;
  if (outDims === 0) return { ...plainCosine(dims), power, queryExpansion };
  const n = rows.length / dims;
  const normalised = new Float32Array(rows.length);
  for (let r = 0; r < n; r++) normalised.set(powerNormalise(rows.subarray(r * dims, (r + 1) * dims), power), r * dims);
  const pca = fitPca(normalised, dims, outDims, { seed: options.seed ?? 20261201, powerIterations: 8, oversample: 32 });
  const meanVariance = pca.variances.reduce((s, v) => s + v, 0) / pca.components;
  const matrix = new Float32Array(pca.components * dims);
  for (let k = 0; k < pca.components; k++) {
    const scale = 1 / Math.sqrt(pca.variances[k] + shrinkage * meanVariance);
    for (let j = 0; j < dims; j++) matrix[k * dims + j] = pca.basis[k * dims + j] * scale;
  }
  return { power, inDims: dims, outDims: pca.components, mean: pca.mean, matrix, queryExpansion };
}

/** The transform's numbers as bytes: row 0 = mean, rows 1.. = the matrix, float16 (format.ts). */
export function encodeTransform(t: EmbeddingTransform): Uint8Array {
  const rows = new Float32Array((t.outDims + 1) * t.inDims);
  rows.set(t.mean.length ? t.mean : new Float32Array(t.inDims), 0);
  rows.set(t.matrix, t.inDims);
  return encodeEmbeddings(rows, t.inDims, "float16");
}

/** The transform of a manifest and its bytes. */
export function decodeTransform(manifest: TransformManifest, bytes: Uint8Array): EmbeddingTransform {
  const { inDims, outDims, power, queryExpansion } = manifest;
  const rows = decodeEmbeddings(bytes, outDims + 1, inDims, "float16");
  if (outDims === 0) return { ...plainCosine(inDims), power, queryExpansion };
  return { power, inDims, outDims, mean: rows.slice(0, inDims), matrix: rows.slice(inDims), queryExpansion };
}
