/**
 * Exact brute-force cosine kNN, only for offline quality numbers (quantisation check,
 * precision@k). The app's search goes through lib/vector-search.
 */
import { bruteForceNearest } from "@/lib/ml/vectors";

export interface Neighbour {
  row: number;
  sim: number;
}

/**
 * For each query row, the k most cosine-similar rows among `candidates` (rows of
 * `normed`, unit rows: normaliseRows of lib/ml/vectors), excluding the query row itself.
 */
export function knn(normed: Float32Array, dim: number, queries: readonly number[], candidates: readonly number[], k: number): Neighbour[][] {
  const matrix = new Float32Array(candidates.length * dim);
  candidates.forEach((row, c) => matrix.set(normed.subarray(row * dim, (row + 1) * dim), c * dim));
  const position = new Map(candidates.map((row, c) => [row, c]));
  return queries.map((q) => {
    const self = position.get(q);
    const hits = bruteForceNearest(matrix, dim, normed.subarray(q * dim, (q + 1) * dim), k, "cosine", self === undefined ? undefined : new Set([self]));
    return hits.map((h) => ({ row: candidates[h.index], sim: 1 - h.distance }));
  });
}

/** Mean fraction of `reference` neighbour lists recovered in `approx` (recall@k). */
export function recallAtK(reference: Neighbour[][], approx: Neighbour[][]): number {
  let hit = 0,
    total = 0;
  reference.forEach((ref, i) => {
    const got = new Set(approx[i].map((n) => n.row));
    for (const n of ref) {
      total++;
      if (got.has(n.row)) hit++;
    }
  });
  return total ? hit / total : 1;
}
