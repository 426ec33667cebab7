// A 2-D map of unit vectors: a small UMAP (McInnes et al. 2018: fuzzy
// k-nearest-neighbour graph + attraction/repulsion by SGD with negative
// sampling), started from the first two principal components. Pure and seeded.

import { createRng } from "@/lib/ml/rng";
import { bruteForceNearest } from "@/lib/ml/vectors";
import { fitPca, project } from "@/lib/ml/pca";

export interface KnnGraph {
  k: number;
  /** n x k neighbour indices, nearest first. */
  indices: Int32Array;
  /** n x k cosine distances (1 - cos). */
  distances: Float32Array;
}

/** Exact k nearest neighbours of every row of unit vectors (cosine), by brute force. */
export function knnGraph(unit: Float32Array, dims: number, k: number, onProgress?: (done: number, total: number) => void): KnnGraph {
  const n = unit.length / dims;
  const kk = Math.min(k, n - 1);
  const indices = new Int32Array(n * kk);
  const distances = new Float32Array(n * kk);
  for (let i = 0; i < n; i++) {
    const q = unit.subarray(i * dims, (i + 1) * dims);
    bruteForceNearest(unit, dims, q, kk, "cosine", new Set([i])).forEach((h, r) => {
      indices[i * kk + r] = h.index;
      distances[i * kk + r] = Math.max(0, h.distance);
    });
    if (onProgress && (i % 500 === 499 || i === n - 1)) onProgress(i + 1, n);
  }
  return { k: kk, indices, distances };
}

/** UMAP's fuzzy simplicial set: symmetric edge weights from the kNN graph. */
export function fuzzyEdges(graph: KnnGraph, n: number): { from: Int32Array; to: Int32Array; weight: Float32Array } {
  const { k, indices, distances } = graph;
  const target = Math.log2(k);
  const directed = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const rho = distances[i * k];
    // Binary search sigma so that sum exp(-(d - rho) / sigma) = log2(k).
    let lo = 0;
    let hi = Infinity;
    let sigma = 1;
    for (let it = 0; it < 64; it++) {
      let sum = 0;
      for (let r = 0; r < k; r++) sum += Math.exp(-Math.max(0, distances[i * k + r] - rho) / sigma);
      if (Math.abs(sum - target) < 1e-5) break;
      if (sum > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r];
      directed.set(i * n + j, Math.exp(-Math.max(0, distances[i * k + r] - rho) / Math.max(sigma, 1e-6)));
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (const [key, w] of directed) {
    const i = Math.floor(key / n);
    const j = key % n;
    const back = directed.get(j * n + i);
    if (back !== undefined && j < i) continue; // counted once, from the smaller index
    const combined = back === undefined ? w : w + back - w * back;
    from.push(i);
    to.push(j);
    weight.push(combined);
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), weight: Float32Array.from(weight) };
}

export interface UmapOptions {
  neighbours?: number;
  epochs?: number;
  negativeSamples?: number;
  seed?: number;
  /** Curve parameters for min_dist 0.1, spread 1 (UMAP's defaults). */
  a?: number;
  b?: number;
  onProgress?: (stage: "knn" | "layout", done: number, total: number) => void;
}

/** 2-D coordinates (x0, y0, x1, y1, ...) of unit vectors. */
export function umap2d(unit: Float32Array, dims: number, options: UmapOptions = {}): Float32Array {
  const n = unit.length / dims;
  const out = new Float32Array(n * 2);
  if (n < 3) return out;
  const rng = createRng(options.seed ?? 1);
  const a = options.a ?? 1.577;
  const b = options.b ?? 0.8951;
  const epochs = options.epochs ?? (n > 10000 ? 200 : 500);
  const negatives = options.negativeSamples ?? 5;
  const graph = knnGraph(unit, dims, options.neighbours ?? 15, (d, t) => options.onProgress?.("knn", d, t));
  const edges = fuzzyEdges(graph, n);

  // Start from the first two principal components, scaled to [-10, 10].
  const pca = fitPca(unit, dims, 2, { seed: options.seed ?? 1 });
  let span = 1e-9;
  for (let i = 0; i < n; i++) {
    const p = project(pca, unit.subarray(i * dims, (i + 1) * dims));
    out[2 * i] = p[0];
    out[2 * i + 1] = p[1];
    span = Math.max(span, Math.abs(p[0]), Math.abs(p[1]));
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] / span) * 10 + (rng.next() - 0.5) * 1e-4;

  let maxW = 0;
  for (const w of edges.weight) maxW = Math.max(maxW, w);
  const m = edges.weight.length;
  const perSample = Float64Array.from(edges.weight, (w) => (w > maxW / epochs ? maxW / w : -1));
  const nextSample = Float64Array.from(perSample);
  const clip = (v: number) => (v > 4 ? 4 : v < -4 ? -4 : v);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = 1 - epoch / epochs;
    for (let e = 0; e < m; e++) {
      if (perSample[e] < 0 || nextSample[e] > epoch + 1) continue;
      const i = edges.from[e];
      const j = edges.to[e];
      let dx = out[2 * i] - out[2 * j];
      let dy = out[2 * i + 1] - out[2 * j + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const coeff = (-2 * a * b * Math.pow(d2, b - 1)) / (1 + a * Math.pow(d2, b));
        const gx = clip(coeff * dx) * alpha;
        const gy = clip(coeff * dy) * alpha;
        out[2 * i] += gx;
        out[2 * i + 1] += gy;
        out[2 * j] -= gx;
        out[2 * j + 1] -= gy;
      }
      for (let s = 0; s < negatives; s++) {
        const r = rng.int(n);
        if (r === i) continue;
        dx = out[2 * i] - out[2 * r];
        dy = out[2 * i + 1] - out[2 * r + 1];
        d2 = dx * dx + dy * dy;
        const coeff = d2 > 0 ? (2 * b) / ((0.001 + d2) * (1 + a * Math.pow(d2, b))) : 0;
        out[2 * i] += (coeff > 0 ? clip(coeff * dx) : 4) * alpha;
        out[2 * i + 1] += (coeff > 0 ? clip(coeff * dy) : 0) * alpha;
      }
      nextSample[e] += perSample[e];
    }
    if (epoch % 10 === 9 || epoch === epochs - 1) options.onProgress?.("layout", epoch + 1, epochs);
  }
  return out;
}
