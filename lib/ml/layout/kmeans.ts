// Cluster ids for unit vectors (e.g. poster colours on the map).

import { createRng } from "@/lib/ml/rng";
import { dotAt } from "@/lib/ml/vectors";

/** Spherical k-means (cosine) on unit rows with k-means++ seeding; returns cluster ids and unit centroids. */
export function sphericalKMeans(unit: Float32Array, dims: number, k: number, options: { seed?: number; iterations?: number } = {}): { assignment: Int32Array; centroids: Float32Array; iterations: number } {
  const n = unit.length / dims;
  const kk = Math.min(k, n);
  const rng = createRng(options.seed ?? 3);
  const centroids = new Float32Array(kk * dims);
  // k-means++: next centre with probability proportional to its distance to the nearest centre.
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < kk; c++) {
    centroids.set(unit.subarray(pick * dims, (pick + 1) * dims), c * dims);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dotAt(unit.subarray(i * dims, (i + 1) * dims), centroids, c * dims, dims));
      if (d < nearest[i]) nearest[i] = d;
      total += nearest[i];
    }
    let r = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= nearest[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  const assignment = new Int32Array(n).fill(-1);
  const maxIterations = options.iterations ?? 50;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const row = unit.subarray(i * dims, (i + 1) * dims);
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < kk; c++) {
        const s = dotAt(row, centroids, c * dims, dims);
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed++;
      }
    }
    centroids.fill(0);
    const sizes = new Int32Array(kk);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      sizes[c]++;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] += unit[i * dims + d];
    }
    for (let c = 0; c < kk; c++) {
      if (sizes[c] === 0) {
        // An empty cluster takes a random point.
        const i = rng.int(n);
        centroids.set(unit.subarray(i * dims, (i + 1) * dims), c * dims);
        continue;
      }
      let s = 0;
      for (let d = 0; d < dims; d++) s += centroids[c * dims + d] ** 2;
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] *= inv;
    }
    if (changed === 0) break;
  }
  return { assignment, centroids, iterations };
}
