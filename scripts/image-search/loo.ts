/**
 * Leave-one-out retrieval quality in memory (offline numbers only; the app searches through
 * lib/vector-search): every photo is in the collection, a query never finds itself nor its
 * Faces / Faces_easy twin (the same photo cropped differently). Used by tune.ts and the
 * image-search-quality bench to compare search spaces as ratios to plain cosine.
 */
import { sameClass } from "@/lib/image-search/core/calibration";
import type { ImagePhoto } from "@/lib/image-search/core/format";
import { TWIN_GROUPS } from "@/lib/image-search/core/split";
import { applyTransformRows, type EmbeddingTransform } from "@/lib/image-search/core/transform";
import { bruteForceNearest } from "@/lib/ml/vectors";

/** Ids a leave-one-out search with `id` excludes: itself and its twin in the other Faces class. */
export function excludedFor(id: string): string[] {
  const [label, file] = id.split("/");
  const twins = Object.entries(TWIN_GROUPS).flatMap(([a, b]) => (label === a ? [b] : label === b ? [a] : []));
  return [id, ...twins.map((t) => `${t}/${file}`)];
}

/** The search space of every photo (rows x d, unit rows) under a transform. */
export function searchSpace(transform: EmbeddingTransform, raw: Float32Array): { matrix: Float32Array; dims: number; rows: number } {
  const matrix = applyTransformRows(transform, raw);
  const rows = raw.length / transform.inDims;
  return { matrix, dims: matrix.length / rows, rows };
}

/** For each query row: the k best rows (leave-one-out), with average query expansion over the best n. */
export function looRankings(
  space: { matrix: Float32Array; dims: number; rows: number },
  photos: readonly ImagePhoto[],
  queries: readonly number[],
  k: number,
  queryExpansion: number,
): number[][] {
  const { matrix, dims } = space;
  const rowOf = new Map(photos.map((p, i) => [p.id, i]));
  const best = (query: Float32Array, n: number, skip: ReadonlySet<number>) =>
    bruteForceNearest(matrix, dims, query, n, "cosine", skip).map((hit) => hit.index);
  return queries.map((q) => {
    const skip = new Set(excludedFor(photos[q].id).flatMap((id) => (rowOf.has(id) ? [rowOf.get(id)!] : [])));
    const qv = matrix.subarray(q * dims, (q + 1) * dims);
    const first = best(qv, Math.max(k, queryExpansion), skip);
    if (queryExpansion === 0) return first.slice(0, k);
    const expanded = Float32Array.from(qv);
    for (const n of first.slice(0, queryExpansion)) for (let j = 0; j < dims; j++) expanded[j] += matrix[n * dims + j];
    // The ranking does not depend on the expanded query's length.
    return best(expanded, k, skip);
  });
}

/** Mean precision@k (same class, Faces = Faces_easy) of rankings for these queries. */
export function precisionAt(photos: readonly ImagePhoto[], queries: readonly number[], rankings: number[][], k: number): number {
  let hit = 0;
  queries.forEach((q, i) => {
    for (const r of rankings[i].slice(0, k)) if (sameClass(photos[r].label, photos[q].label)) hit++;
  });
  return hit / (queries.length * k);
}
