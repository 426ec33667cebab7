/**
 * Exact brute-force cosine kNN, only for offline quality numbers (quantisation check,
 * precision@k). The app's search goes through lib/vector-search.
 */
export function normalizeRows(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let r = 0; r < vectors.length / dim; r++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += vectors[r * dim + j] ** 2;
    const n = Math.sqrt(s) || 1;
    for (let j = 0; j < dim; j++) out[r * dim + j] = vectors[r * dim + j] / n;
  }
  return out;
}

export interface Neighbour {
  row: number;
  sim: number;
}

/**
 * For each query row, the k most cosine-similar rows among `candidates` (rows of
 * `normed`), excluding the query row itself. `normed` = normalizeRows(...).
 */
export function knn(normed: Float32Array, dim: number, queries: readonly number[], candidates: readonly number[], k: number): Neighbour[][] {
  const sims = new Float32Array(candidates.length);
  return queries.map((q) => {
    const qo = q * dim;
    for (let c = 0; c < candidates.length; c++) {
      const co = candidates[c] * dim;
      let s = 0;
      for (let j = 0; j < dim; j++) s += normed[qo + j] * normed[co + j];
      sims[c] = candidates[c] === q ? -Infinity : s;
    }
    // partial selection: keep a small sorted list
    const best: Neighbour[] = [];
    for (let c = 0; c < candidates.length; c++) {
      const s = sims[c];
      if (best.length === k && s <= best[k - 1].sim) continue;
      let i = best.length - (best.length === k ? 1 : 0);
      if (best.length < k) best.push({ row: -1, sim: -Infinity });
      while (i > 0 && best[i - 1].sim < s) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = { row: candidates[c], sim: s };
    }
    return best;
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

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))));
  return sorted[i];
}
