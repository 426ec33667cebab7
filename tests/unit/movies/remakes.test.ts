import { describe, expect, it } from "vitest";

import { parseLead } from "@/lib/movies/pipeline/lead";
import { improveGridBySwaps, snapToGrid } from "@/lib/ml/layout/grid";
import { clusterCoherence, neighbourhoodPreservation } from "@/lib/movies/pipeline/layout-metrics";

describe("lead: remakes and adaptations", () => {
  it("reads a remake of a same-titled film without a title after it", () => {
    expect(parseLead("King Kong is a 1976 American film. It is a modernized remake of the 1933 film about a giant ape.", "King Kong").relations).toEqual([
      { relation: "remake", title: "King Kong", year: 1933 },
    ]);
    expect(parseLead("A Star Is Born is a 1954 film. Hart's screenplay is an adaptation of the original 1937 film, based on a story.", "A Star Is Born").relations).toEqual([
      { relation: "remake", title: "A Star Is Born", year: 1937 },
    ]);
  });

  it("keeps a named earlier film for a remake", () => {
    const r = parseLead("Scarface is a 1983 film. It is a remake of the 1932 film Scarface, and tells a story.", "Scarface").relations;
    expect(r).toEqual([{ relation: "remake", title: "Scarface", year: 1932 }]);
  });

  it("reads 'film adaptation of the novel' and year ranges as the source work", () => {
    const a = parseLead("The Great Gatsby is a 1926 film. It was the first film adaptation of the 1925 novel of the same name by F. Scott Fitzgerald.", "The Great Gatsby");
    expect(a.works).toEqual(["The Great Gatsby"]);
    expect(a.people).toContainEqual({ name: "F. Scott Fitzgerald", kind: "based_on" });
    const b = parseLead("Little Women is a 1994 film. The screenplay is based on Louisa May Alcott's 1868-69 two-volume novel of the same title.", "Little Women");
    expect(b.works).toEqual(["Little Women"]);
    expect(b.people).toContainEqual({ name: "Louisa May Alcott", kind: "based_on" });
  });
});

describe("grid swaps", () => {
  it("keeps one film per cell and does not lower the neighbour similarity", () => {
    // Two interleaved groups of vectors on a line: swaps should sort them into blocks.
    const n = 64;
    const dims = 2;
    const unit = new Float32Array(n * dims);
    const xy = new Float32Array(n * 2);
    const cluster = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      cluster[i] = (i * 7) % 2;
      unit[i * dims + cluster[i]] = 1;
      xy[2 * i] = i % 8;
      xy[2 * i + 1] = Math.floor(i / 8);
    }
    const grid = snapToGrid(xy);
    const before = clusterCoherence(grid, cluster);
    const knnBefore = neighbourhoodPreservation(unit, dims, grid, 3, 1, n);
    improveGridBySwaps(unit, dims, grid, { passes: 5 });
    const cells = new Set(Array.from(grid.gridX, (x, i) => grid.gridY[i] * grid.cols + x));
    expect(cells.size).toBe(n);
    expect(clusterCoherence(grid, cluster)).toBeGreaterThan(before);
    expect(neighbourhoodPreservation(unit, dims, grid, 3, 1, n)).toBeGreaterThanOrEqual(knnBefore);
  });
});
