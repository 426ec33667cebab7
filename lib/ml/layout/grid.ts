// Snapping a 2-D map to a grid so that tiles (e.g. posters) never overlap,
// measuring how well the grid keeps neighbours, and improving it by local swaps.

import { createRng } from "@/lib/ml/rng";

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
  const bounds = boundsOf(xy);
  const { minX, minY } = bounds;
  let { maxX, maxY } = bounds;
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

/**
 * Local improvement of a grid placement of unit vectors: swaps two points (or
 * a point and an empty cell) within `radius` cells when that raises the summed
 * cosine similarity of every point to the points in its 8 neighbouring cells.
 * A few passes over all cells; deterministic. Returns the number of swaps made.
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
  // Summed similarity of point `f` placed at (x, y) to its neighbours, ignoring point `skip`.
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
