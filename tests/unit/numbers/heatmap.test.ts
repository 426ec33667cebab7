import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { buildHeatmapData, heatmapCell, heatmapRow, pairSlot, scoreExtent } from "@/lib/numbers/core/heatmap";

describe("pairSlot", () => {
  it("numbers the unordered pairs 0..n(n-1)/2-1 without gaps", () => {
    for (const n of [2, 3, 7, 75]) {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        expect(pairSlot(j, i, n)).toBe(pairSlot(i, j, n));
        seen.push(pairSlot(i, j, n));
      }
      expect(seen).toEqual([...seen.keys()]);
    }
  });

  it("refuses the diagonal and out-of-range indices", () => {
    expect(() => pairSlot(2, 2, 5)).toThrow(RangeError);
    expect(() => pairSlot(0, 5, 5)).toThrow(RangeError);
  });
});

describe("buildHeatmapData", () => {
  const result = computeNumbersResult(JSON.parse(fs.readFileSync("data/numbers/numbers.json", "utf8")));
  const data = buildHeatmapData(result.treeOrder, result.pairs);

  it("holds every pair of the 75 languages in tree order", () => {
    expect(data.names).toEqual(result.treeOrder);
    expect(data.scores).toHaveLength(2775);
    expect(data.tenths).toHaveLength(27750);
    expect(data.tenths.every(Number.isInteger)).toBe(true);
  });

  it("gives back each pair's score and distances (rounded for display) from either side", () => {
    for (const pair of result.pairs.filter((_, i) => i % 97 === 0)) {
      const i = data.names.indexOf(pair.a);
      const j = data.names.indexOf(pair.b);
      for (const cell of [heatmapCell(data, i, j), heatmapCell(data, j, i)]) {
        expect(cell.score).toBeCloseTo(pair.score, 4);
        cell.distances.forEach((d, k) => expect(d).toBeCloseTo(pair.distances[k], 9));
      }
      expect(heatmapCell(data, i, j)).toMatchObject({ a: pair.a, b: pair.b });
    }
    expect(heatmapCell(data, 3, 3)).toMatchObject({ score: 1, distances: new Array(10).fill(0) });
  });

  it("lists one row as every other language, best first, with the closest languages on top", () => {
    const german = data.names.indexOf("German");
    const row = heatmapRow(data, german);
    expect(row).toHaveLength(74);
    expect(row.some((entry) => entry.name === "German")).toBe(false);
    expect(row.every((entry, i) => i === 0 || row[i - 1].score >= entry.score)).toBe(true);
    const closest = result.closest.German.map((c) => c.name);
    expect(row.slice(0, closest.length).map((entry) => entry.name).sort()).toEqual([...closest].sort());
  });

  it("is small enough to send with the page", () => {
    expect(JSON.stringify(data).length).toBeLessThan(120_000);
  });

  it("knows the score range and refuses incomplete pairs", () => {
    const [low, high] = scoreExtent(data);
    expect(high).toBe(1);
    expect(low).toBeGreaterThan(0.3);
    expect(() => buildHeatmapData(result.treeOrder, result.pairs.slice(1))).toThrow(/every pair/);
    expect(() => buildHeatmapData(["x", "y"], [{ a: "x", b: "z", score: 1, distances: [] }])).toThrow(/outside the tree/);
  });
});
