// The 2-D song map: UMAP (lib/ml/layout/umap.ts) on a sample of the songs (its k-NN graph is
// brute force, O(n^2): ~30k songs would take minutes on a shared core), then every other
// song placed at the similarity-weighted mean of its nearest sampled songs. Coordinates are
// rescaled to [0, 1] x [0, 1] (robustly: 0.5% / 99.5% quantiles, outliers clamped).
// "pca": the first two principal components instead (fast; the first data files used it).

import { fitPca, project } from "@/lib/ml/pca";
import { umap2d } from "@/lib/ml/layout/umap";
import { createRng, shuffleInPlace } from "@/lib/ml/rng";
import { bruteForceNearest } from "@/lib/ml/vectors";

export interface MapOptions {
  method?: "umap" | "pca";
  /** Songs UMAP lays out itself (the most played first, then a random rest). */
  sample?: number;
  /** Nearest sampled songs each other song is placed among. */
  neighbours?: number;
  seed?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** Rescales each axis to [0, 1] between its 0.5% and 99.5% quantiles (outside: clamped). */
export function rescaleUnit(xy: Float32Array): Float32Array {
  const n = xy.length / 2;
  const out = new Float32Array(xy.length);
  for (let axis = 0; axis < 2; axis++) {
    const values = Array.from({ length: n }, (_, i) => xy[2 * i + axis]).sort((a, b) => a - b);
    const lo = values[Math.floor(0.005 * (n - 1))];
    const hi = values[Math.ceil(0.995 * (n - 1))];
    const span = hi - lo || 1;
    for (let i = 0; i < n; i++) out[2 * i + axis] = Math.min(1, Math.max(0, (xy[2 * i + axis] - lo) / span));
  }
  return out;
}

/** (x, y) per row of unit vectors, in [0, 1]. Rows should be most played first (the sample takes the head). */
export function songMap(unit: Float32Array, dims: number, options: MapOptions = {}): Float32Array {
  const n = unit.length / dims;
  const out = new Float32Array(n * 2);
  if (options.method === "pca" || n < 20) {
    const pca = fitPca(unit, dims, 2, { seed: options.seed ?? 1 });
    for (let i = 0; i < n; i++) {
      const p = project(pca, unit.subarray(i * dims, (i + 1) * dims));
      out[2 * i] = p[0];
      out[2 * i + 1] = p[1];
    }
    return rescaleUnit(out);
  }
  const sampleSize = Math.min(n, options.sample ?? 6000);
  const k = options.neighbours ?? 5;
  // Half the sample: the most played songs (they anchor the map); half: random others.
  const rng = createRng(options.seed ?? 1);
  const head = Math.floor(sampleSize / 2);
  const rest = shuffleInPlace(Int32Array.from({ length: n - head }, (_, i) => head + i), rng);
  const sample = [...Array.from({ length: head }, (_, i) => i), ...Array.from(rest.subarray(0, sampleSize - head))].sort((a, b) => a - b);
  const sampleVectors = new Float32Array(sample.length * dims);
  sample.forEach((r, i) => sampleVectors.set(unit.subarray(r * dims, (r + 1) * dims), i * dims));
  const xy = umap2d(sampleVectors, dims, { seed: options.seed ?? 1, onProgress: (stage, done, total) => options.onProgress?.(`umap ${stage}`, done, total) });
  const inSample = new Map(sample.map((r, i) => [r, i]));
  for (let r = 0; r < n; r++) {
    const s = inSample.get(r);
    if (s !== undefined) {
      out[2 * r] = xy[2 * s];
      out[2 * r + 1] = xy[2 * s + 1];
      continue;
    }
    const hits = bruteForceNearest(sampleVectors, dims, unit.subarray(r * dims, (r + 1) * dims), k, "cosine");
    let wx = 0;
    let wy = 0;
    let wsum = 0;
    for (const h of hits) {
      const w = Math.max(1e-3, 1 - h.distance);
      wx += w * xy[2 * h.index];
      wy += w * xy[2 * h.index + 1];
      wsum += w;
    }
    // A little jitter so songs placed among the same neighbours do not stack on one point.
    out[2 * r] = wx / wsum + (rng.next() - 0.5) * 0.15;
    out[2 * r + 1] = wy / wsum + (rng.next() - 0.5) * 0.15;
    if (r % 2000 === 0) options.onProgress?.("place", r, n);
  }
  options.onProgress?.("place", n, n);
  return rescaleUnit(out);
}
