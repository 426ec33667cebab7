// A 2-D map of the film vectors for the poster wall: a small UMAP (McInnes et
// al. 2018: fuzzy k-nearest-neighbour graph + attraction/repulsion by SGD with
// negative sampling), then snapped to a grid so posters never overlap, plus
// spherical k-means cluster ids for poster colours. Pure and seeded.

import { TopK } from "@/lib/ml/top-k";
import { createRng } from "@/lib/ml/rng";
import { dotAt } from "@/lib/ml/vectors";
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
    const heap = new TopK(kk);
    const q = unit.subarray(i * dims, (i + 1) * dims);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = 1 - dotAt(q, unit, j * dims, dims);
      if (d < heap.worst) heap.offer(d, j);
    }
    heap.sorted().forEach((h, r) => {
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

// ---------------------------------------------------------------- grid

export interface GridPlacement {
  cols: number;
  rows: number;
  gridX: Int32Array;
  gridY: Int32Array;
}

/** Bounding box of interleaved 2-D points. */
function boundsOf(xy: Float32Array | Float64Array) {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    minX = Math.min(minX, xy[i]);
    maxX = Math.max(maxX, xy[i]);
    minY = Math.min(minY, xy[i + 1]);
    maxY = Math.max(maxY, xy[i + 1]);
  }
  return { minX, maxX, minY, maxY };
}

/**
 * Assigns every point its own cell of a cols x rows grid (cols * rows >= n),
 * keeping the map's shape: the grid is laid over the points' bounding box and
 * split in halves along its longer side, recursively (a k-d tree over the
 * grid); each half takes the points that fall on its side, except that a half
 * never takes more points than it has cells (the surplus nearest the split
 * line moves across). With spare cells (`slack` > 1) clusters keep their gaps;
 * with none the grid is filled. O(n log^2 n); no two points ever share a cell.
 */
export function snapToGrid(xy: Float32Array | Float64Array, options: { cols?: number; rows?: number; slack?: number } = {}): GridPlacement {
  const n = xy.length / 2;
  let { minX, maxX, minY, maxY } = boundsOf(xy);
  if (!(maxX > minX)) maxX = minX + 1;
  if (!(maxY > minY)) maxY = minY + 1;
  const aspect = Math.min(4, Math.max(0.25, (maxX - minX) / (maxY - minY)));
  const cells = Math.ceil(n * Math.max(1, options.slack ?? 1));
  const cols = options.cols ?? Math.max(1, Math.ceil(Math.sqrt(cells * aspect)));
  const rows = options.rows ?? Math.max(1, Math.ceil(cells / cols));
  if (cols * rows < n) throw new Error(`a ${cols} x ${rows} grid has fewer cells than ${n} points`);
  const gridX = new Int32Array(n);
  const gridY = new Int32Array(n);
  const ids = Array.from({ length: n }, (_, i) => i);
  const byX = (p: number, q: number) => xy[2 * p] - xy[2 * q] || xy[2 * p + 1] - xy[2 * q + 1] || p - q;
  const byY = (p: number, q: number) => xy[2 * p + 1] - xy[2 * q + 1] || xy[2 * p] - xy[2 * q] || p - q;
  // Work list instead of recursion: ids[start, end) go into cells (x0, y0, w, h) covering data box [lx, hx] x [ly, hy].
  const stack: number[][] = [[0, n, 0, 0, cols, rows, minX, maxX, minY, maxY]];
  while (stack.length) {
    const [start, end, x0, y0, w, h, lx, hx, ly, hy] = stack.pop()!;
    const count = end - start;
    if (count === 0) continue;
    if (w * h === 1) {
      gridX[ids[start]] = x0;
      gridY[ids[start]] = y0;
      continue;
    }
    const alongX = w >= h;
    const size = alongX ? w : h;
    const size1 = Math.floor(size / 2);
    const cap1 = (alongX ? h : w) * size1;
    const cap2 = (alongX ? h : w) * (size - size1);
    const part = ids.slice(start, end).sort(alongX ? byX : byY);
    const lo = alongX ? lx : ly;
    const hi = alongX ? hx : hy;
    const mid = lo + ((hi - lo) * size1) / size;
    // Points before the split line (binary search in the sorted part).
    let a = 0;
    let b = count;
    while (a < b) {
      const m = (a + b) >> 1;
      if (xy[2 * part[m] + (alongX ? 0 : 1)] < mid) a = m + 1;
      else b = m;
    }
    const n1 = Math.min(cap1, Math.max(count - cap2, a));
    for (let i = 0; i < count; i++) ids[start + i] = part[i];
    if (alongX) stack.push([start, start + n1, x0, y0, size1, h, lx, mid, ly, hy], [start + n1, end, x0 + size1, y0, w - size1, h, mid, hx, ly, hy]);
    else stack.push([start, start + n1, x0, y0, w, size1, lx, hx, ly, mid], [start + n1, end, x0, y0 + size1, w, h - size1, lx, hx, mid, hy]);
  }
  return { cols, rows, gridX, gridY };
}

/**
 * How well a grid keeps 2-D neighbourhoods: the mean grid distance (in cells,
 * Euclidean) from each point to the cell of its nearest 2-D neighbour, over a
 * sample of points. 1 is perfect.
 */
export function gridNeighbourDistance(xy: Float32Array | Float64Array, grid: GridPlacement, sample = 2000, seed = 1): number {
  const n = xy.length / 2;
  const rng = createRng(seed);
  const m = Math.min(sample, n);
  let sum = 0;
  for (let s = 0; s < m; s++) {
    const i = m === n ? s : rng.int(n);
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (xy[2 * i] - xy[2 * j]) ** 2 + (xy[2 * i + 1] - xy[2 * j + 1]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    if (best >= 0) sum += Math.hypot(grid.gridX[i] - grid.gridX[best], grid.gridY[i] - grid.gridY[best]);
  }
  return m ? sum / m : 0;
}

// ---------------------------------------------------------------- k-means

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

// ---------------------------------------------------------------- grid: strips + local swaps

/**
 * Column strips: points sorted by x fill the grid column by column (`rows`
 * points each), each column sorted by y. Keeps the 2-D order in both
 * directions (a monotone warp of the map onto the grid), never overlaps,
 * O(n log n). The last column may be partly empty.
 */
export function snapToStrips(xy: Float32Array | Float64Array, options: { cols?: number; rows?: number } = {}): GridPlacement {
  const n = xy.length / 2;
  const { minX, maxX, minY, maxY } = boundsOf(xy);
  const aspect = Math.min(4, Math.max(0.25, (maxX - minX || 1) / (maxY - minY || 1)));
  const cols = options.cols ?? Math.max(1, Math.ceil(Math.sqrt(n * aspect)));
  const rows = options.rows ?? Math.max(1, Math.ceil(n / cols));
  if (cols * rows < n) throw new Error(`a ${cols} x ${rows} grid has fewer cells than ${n} points`);
  const ids = Array.from({ length: n }, (_, i) => i).sort((p, q) => xy[2 * p] - xy[2 * q] || xy[2 * p + 1] - xy[2 * q + 1] || p - q);
  const gridX = new Int32Array(n);
  const gridY = new Int32Array(n);
  for (let c = 0; c * rows < n; c++) {
    const strip = ids.slice(c * rows, Math.min(n, (c + 1) * rows)).sort((p, q) => xy[2 * p + 1] - xy[2 * q + 1] || xy[2 * p] - xy[2 * q] || p - q);
    // A short last column is centred vertically.
    const offset = Math.floor((rows - strip.length) / 2);
    strip.forEach((id, r) => {
      gridX[id] = c;
      gridY[id] = offset + r;
    });
  }
  return { cols, rows, gridX, gridY };
}

/**
 * Local improvement of a grid placement: swaps two films (or a film and an
 * empty cell) within `radius` cells when that raises the summed cosine
 * similarity of every film to the films in its 8 neighbouring cells. A few
 * passes over all cells; deterministic. Returns the number of swaps made.
 */
export function improveGridBySwaps(unit: Float32Array, dims: number, grid: GridPlacement, options: { passes?: number; radius?: number } = {}): number {
  const { cols, rows, gridX, gridY } = grid;
  const n = gridX.length;
  const passes = options.passes ?? 4;
  const radius = options.radius ?? 2;
  const cell = new Int32Array(cols * rows).fill(-1);
  for (let i = 0; i < n; i++) cell[gridY[i] * cols + gridX[i]] = i;
  const sim = (a: number, b: number) => {
    let s = 0;
    const oa = a * dims;
    const ob = b * dims;
    for (let d = 0; d < dims; d++) s += unit[oa + d] * unit[ob + d];
    return s;
  };
  // Summed similarity of film `f` placed at (x, y) to its neighbours, ignoring film `skip`.
  const score = (f: number, x: number, y: number, skip: number) => {
    if (f < 0) return 0;
    let s = 0;
    for (let dy = -1; dy <= 1; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= rows) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        if ((!dx && !dy) || xx < 0 || xx >= cols) continue;
        const g = cell[yy * cols + xx];
        if (g >= 0 && g !== skip && g !== f) s += sim(f, g);
      }
    }
    return s;
  };
  let swaps = 0;
  for (let pass = 0; pass < passes; pass++) {
    let passSwaps = 0;
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const a = cell[y * cols + x];
        if (a < 0) continue;
        let best = 0;
        let bx = -1;
        let by = -1;
        const here = score(a, x, y, -1);
        for (let yy = Math.max(0, y - radius); yy <= Math.min(rows - 1, y + radius); yy++) {
          for (let xx = Math.max(0, x - radius); xx <= Math.min(cols - 1, x + radius); xx++) {
            if (xx === x && yy === y) continue;
            const b = cell[yy * cols + xx];
            // Gain of moving a to (xx, yy) and b to (x, y); a pair that neighbours itself keeps its link.
            const before = here + score(b, xx, yy, -1);
            const after = score(a, xx, yy, b) + score(b, x, y, a) + (b >= 0 && Math.abs(xx - x) <= 1 && Math.abs(yy - y) <= 1 ? 2 * sim(a, b) : 0);
            const gain = after - before;
            if (gain > best + 1e-6) {
              best = gain;
              bx = xx;
              by = yy;
            }
          }
        }
        if (bx >= 0) {
          const b = cell[by * cols + bx];
          cell[by * cols + bx] = a;
          cell[y * cols + x] = b;
          gridX[a] = bx;
          gridY[a] = by;
          if (b >= 0) {
            gridX[b] = x;
            gridY[b] = y;
          }
          passSwaps++;
        }
      }
    }
    swaps += passSwaps;
    if (passSwaps === 0) break;
  }
  return swaps;
}
