import { describe, expect, it } from "vitest";

import { gridNeighbourDistance, snapToGrid } from "@/lib/ml/layout/grid";
import { sphericalKMeans } from "@/lib/ml/layout/kmeans";
import { fuzzyEdges, knnGraph, umap2d } from "@/lib/ml/layout/umap";
import { normaliseRows } from "@/lib/ml/vectors";
import { createRng } from "@/lib/ml/rng";

function clustered(groups: number, perGroup: number, dims: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: groups }, () => Array.from({ length: dims }, () => rng.gaussian()));
  const out = new Float32Array(groups * perGroup * dims);
  for (let g = 0; g < groups; g++)
    for (let p = 0; p < perGroup; p++) for (let d = 0; d < dims; d++) out[(g * perGroup + p) * dims + d] = centres[g][d] + 0.15 * rng.gaussian();
  return normaliseRows(out, dims);
}

describe("grid snapping", () => {
  it("never puts two points in one cell, for any point cloud and grid", () => {
    const rng = createRng(1);
    for (const n of [1, 2, 3, 10, 97, 500, 1000]) {
      const xy = new Float32Array(n * 2);
      for (let i = 0; i < xy.length; i++) xy[i] = i % 7 === 0 ? 0 : rng.gaussian() * (i % 2 ? 3 : 1); // duplicates included
      for (const grid of [{}, { slack: 1.7 }, { cols: n, rows: 1 }, { cols: Math.ceil(Math.sqrt(n)) + 3, rows: Math.ceil(Math.sqrt(n)) + 1 }]) {
        const g = snapToGrid(xy, grid);
        expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
        const cells = new Set<number>();
        for (let i = 0; i < n; i++) {
          expect(g.gridX[i]).toBeGreaterThanOrEqual(0);
          expect(g.gridX[i]).toBeLessThan(g.cols);
          expect(g.gridY[i]).toBeGreaterThanOrEqual(0);
          expect(g.gridY[i]).toBeLessThan(g.rows);
          cells.add(g.gridY[i] * g.cols + g.gridX[i]);
        }
        expect(cells.size).toBe(n);
      }
    }
    expect(() => snapToGrid(new Float32Array(10), { cols: 2, rows: 2 })).toThrow(/fewer cells/);
  });

  it("keeps 2-D neighbours next to each other, and gaps between clusters when there are spare cells", () => {
    const rng = createRng(3);
    const xy = new Float32Array(800);
    for (let i = 0; i < 400; i++) {
      const left = i < 200;
      xy[2 * i] = (left ? -10 : 10) + rng.gaussian();
      xy[2 * i + 1] = rng.gaussian();
    }
    const g = snapToGrid(xy, { slack: 2 });
    expect(gridNeighbourDistance(xy, g, 400)).toBeLessThan(2);
    // The two clouds stay apart: every left point is left of every right point, with empty columns between.
    let maxLeft = -1;
    let minRight = Infinity;
    for (let i = 0; i < 400; i++) {
      if (i < 200) maxLeft = Math.max(maxLeft, g.gridX[i]);
      else minRight = Math.min(minRight, g.gridX[i]);
    }
    expect(minRight - maxLeft).toBeGreaterThan(1);
  });

  it("keeps the order of the points: left stays left, top stays top", () => {
    const xy = Float32Array.from([0, 0, 10, 0, 0, 10, 10, 10]);
    const g = snapToGrid(xy);
    expect([g.gridX[0], g.gridY[0]]).toEqual([0, 0]);
    expect([g.gridX[3], g.gridY[3]]).toEqual([1, 1]);
  });
});

describe("2-D layout and clusters", () => {
  const dims = 12;
  const unit = clustered(4, 25, dims, 2);

  it("finds exact nearest neighbours and symmetric fuzzy edges", () => {
    const graph = knnGraph(unit, dims, 5);
    for (let i = 0; i < 100; i++) {
      for (let r = 0; r < 5; r++) expect(Math.floor(graph.indices[i * 5 + r] / 25)).toBe(Math.floor(i / 25));
      for (let r = 1; r < 5; r++) expect(graph.distances[i * 5 + r]).toBeGreaterThanOrEqual(graph.distances[i * 5 + r - 1]);
    }
    const edges = fuzzyEdges(graph, 100);
    const seen = new Set<string>();
    for (let e = 0; e < edges.from.length; e++) {
      const key = [edges.from[e], edges.to[e]].sort((a, b) => a - b).join("-");
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(edges.weight[e]).toBeGreaterThan(0);
      expect(edges.weight[e]).toBeLessThanOrEqual(1);
    }
  });

  it("lays planted clusters out apart, deterministically", () => {
    const a = umap2d(unit, dims, { seed: 4, epochs: 150 });
    expect(Array.from(a)).toEqual(Array.from(umap2d(unit, dims, { seed: 4, epochs: 150 })));
    // Nearest 2-D neighbour of each point is in its own cluster.
    let same = 0;
    for (let i = 0; i < 100; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < 100; j++) {
        if (j === i) continue;
        const d = (a[2 * i] - a[2 * j]) ** 2 + (a[2 * i + 1] - a[2 * j + 1]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (Math.floor(best / 25) === Math.floor(i / 25)) same++;
    }
    expect(same).toBeGreaterThanOrEqual(95);
  });

  it("k-means recovers the planted clusters", () => {
    const { assignment } = sphericalKMeans(unit, dims, 4, { seed: 1 });
    for (let g = 0; g < 4; g++) {
      const ids = new Set(Array.from(assignment.slice(g * 25, g * 25 + 25)));
      expect(ids.size).toBe(1);
    }
    expect(new Set(Array.from(assignment)).size).toBe(4);
  });
});
