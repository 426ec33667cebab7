// How well the poster grid shows the embedding: neighbourhood preservation
// (a film's nearest films by cosine should sit around it on the grid) and
// cluster coherence (a cell's 8 neighbours should mostly share its colour).

import { createRng } from "@/lib/ml/rng";

import { nearestByVector } from "./evaluate";

export interface GridCells {
  cols: number;
  rows: number;
  gridX: Int32Array | ArrayLike<number>;
  gridY: Int32Array | ArrayLike<number>;
}

/**
 * For a sample of films: the share of its k nearest films (cosine of unit rows)
 * whose cell lies within `radius` cells in x and y (radius 2 = a 5 x 5 window).
 */
export function neighbourhoodPreservation(unit: Float32Array, dims: number, grid: GridCells, k = 10, radius = 2, sample = 2000, seed = 1): number {
  const n = unit.length / dims;
  const rng = createRng(seed);
  const m = Math.min(sample, n);
  let sum = 0;
  for (let s = 0; s < m; s++) {
    const i = m === n ? s : rng.int(n);
    const near = nearestByVector(unit, dims, i, k);
    let hit = 0;
    for (const j of near) if (Math.abs(grid.gridX[i] - grid.gridX[j]) <= radius && Math.abs(grid.gridY[i] - grid.gridY[j]) <= radius) hit++;
    sum += hit / near.length;
  }
  return m ? sum / m : 0;
}

/** Mean over films of the share of their occupied 8-neighbour cells that hold a film of the same cluster. */
export function clusterCoherence(grid: GridCells, cluster: ArrayLike<number>): number {
  const { cols, rows } = grid;
  const n = cluster.length;
  const cell = new Int32Array(cols * rows).fill(-1);
  for (let i = 0; i < n; i++) cell[grid.gridY[i] * cols + grid.gridX[i]] = i;
  let sum = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    let same = 0;
    let total = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (!dx && !dy) continue;
        const x = grid.gridX[i] + dx;
        const y = grid.gridY[i] + dy;
        if (x < 0 || y < 0 || x >= cols || y >= rows) continue;
        const j = cell[y * cols + x];
        if (j < 0) continue;
        total++;
        if (cluster[j] === cluster[i]) same++;
      }
    }
    if (total) {
      sum += same / total;
      counted++;
    }
  }
  return counted ? sum / counted : 0;
}

/** RGBA pixels of the grid, `scale` x `scale` pixels per cell, coloured by cluster (empty cells white). */
export function gridImage(grid: GridCells, cluster: ArrayLike<number>, clusters: number, scale = 4): { width: number; height: number; rgba: Uint8Array } {
  const width = grid.cols * scale;
  const height = grid.rows * scale;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  const colour = (c: number): [number, number, number] => {
    // Evenly spaced hues, alternating lightness so neighbouring ids differ.
    const h = ((c * 360) / Math.max(1, clusters) + (c % 2) * 180) % 360;
    const l = c % 3 === 0 ? 0.45 : c % 3 === 1 ? 0.6 : 0.75;
    const s = 0.75;
    const k = (nn: number) => (nn + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    const f = (nn: number) => l - a * Math.max(-1, Math.min(k(nn) - 3, Math.min(9 - k(nn), 1)));
    return [Math.round(255 * f(0)), Math.round(255 * f(8)), Math.round(255 * f(4))];
  };
  for (let i = 0; i < cluster.length; i++) {
    const [r, g, b] = colour(cluster[i]);
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const o = ((grid.gridY[i] * scale + dy) * width + grid.gridX[i] * scale + dx) * 4;
        rgba[o] = r;
        rgba[o + 1] = g;
        rgba[o + 2] = b;
      }
    }
  }
  return { width, height, rgba };
}
