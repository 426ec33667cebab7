import { describe, expect, it } from "vitest";

import { createRng } from "@/lib/ml/rng";
import { evaluateStations, popularStationRows, stationRows, type EvalSetup } from "@/lib/radio/pipeline/evaluate";
import { rescaleUnit, songMap } from "@/lib/radio/pipeline/layout";
import { bestF1Threshold, predictTags, tagCounts, trainTagClassifiers } from "@/lib/radio/pipeline/tags";

// 2-D unit vectors on a circle: song r at angle r degrees * 10, so neighbours are adjacent rows.
function circleSetup(n: number, artistOf: (r: number) => string): EvalSetup {
  const vectors = new Float32Array(n * 2);
  for (let r = 0; r < n; r++) {
    vectors[2 * r] = Math.cos((r * Math.PI) / 18);
    vectors[2 * r + 1] = Math.sin((r * Math.PI) / 18);
  }
  const songs = Array.from({ length: n }, (_, r) => ({ id: 100 + r, artistKey: artistOf(r) }));
  return { vectors, dims: 2, songs, index: new Map(songs.map((s, r) => [s.id, r])) };
}

describe("stations as the bench builds them", () => {
  it("excludes the seeds, caps each artist and ranks by closeness", () => {
    const setup = circleSetup(36, (r) => (r < 6 ? "a" : `x${r}`));
    const station = stationRows(setup, [2, 3], 5, 2);
    expect(station).not.toContain(2);
    expect(station).not.toContain(3);
    expect(station.filter((r) => r < 6).length).toBeLessThanOrEqual(2);
    expect(station).toHaveLength(5);
    expect(station[0] === 1 || station[0] === 4).toBe(true);
  });
  it("builds the most-popular station through the same pick", () => {
    const setup = circleSetup(20, (r) => (r % 2 === 0 ? "even" : `odd${r}`));
    expect(popularStationRows(setup, [1], 4, 1, Array.from({ length: 20 }, (_, r) => r))).toEqual([0, 3, 5, 7]);
  });
  it("scores precision@length on the songs a playlist plays after its seeds", () => {
    const setup = circleSetup(36, (r) => `artist${r}`);
    // Seeds rows 10..14 (ids 110..114); later the playlist plays rows 9, 15 (next to the seeds) and 30 (far away).
    const playlist = [110, 111, 112, 113, 114, 109, 115, 130];
    const report = evaluateStations(setup, [playlist], Array.from({ length: 36 }, (_, r) => 35 - r), { stationLength: 4, queriesPerPlaylist: 3 });
    expect(report.stations).toBe(1);
    expect(report.precisionAt50).toBeCloseTo(2 / 4, 10);
    expect(report.popularityPrecisionAt50).toBe(0);
    expect(report.nextSongQueries).toBeGreaterThan(0);
    // Steps inside the seeds are one row apart (a hit); 109 -> 115 and 115 -> 130 are too far for the 10 nearest.
    expect(report.hitRateAt10).toBeGreaterThan(0);
    expect(report.hitRateAt10).toBeLessThan(1);
  });
});

describe("tag classifiers", () => {
  it("picks the F1-best threshold", () => {
    const best = bestF1Threshold([0.9, 0.8, 0.7, 0.2, 0.1], [1, 1, 0, 0, 0]);
    expect(best.threshold).toBe(0.8);
    expect(best.f1).toBe(1);
  });
  it("learns a tag that follows a direction of the vectors and predicts it for untagged songs", () => {
    const rng = createRng(4);
    const n = 600;
    const dims = 4;
    const vectors = new Float32Array(n * dims);
    const songTags: string[][] = [];
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < dims; d++) vectors[i * dims + d] = rng.gaussian();
      const rock = vectors[i * dims] > 0.3;
      songTags.push(i % 5 === 0 ? [] : rock ? ["rock", "guitar"] : ["pop"]);
    }
    expect(tagCounts(songTags)[0][0]).toBe("pop");
    const classifiers = trainTagClassifiers(vectors, dims, songTags, { minSongs: 50, seed: 1 });
    const rock = classifiers.find((c) => c.tag === "rock")!;
    expect(rock.auc).toBeGreaterThan(0.95);
    const strongRock = Float32Array.from([3, 0, 0, 0]);
    expect(predictTags(classifiers, strongRock).map((p) => p.tag)).toContain("rock");
    expect(predictTags(classifiers, Float32Array.from([-3, 0, 0, 0])).map((p) => p.tag)).toEqual(["pop"]);
  });
});

describe("song map", () => {
  it("rescales into [0, 1] and places every song", () => {
    const out = rescaleUnit(Float32Array.from([0, 0, 10, 5, 5, 10, -100, 2]));
    for (const v of out) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const rng = createRng(2);
    const unit = Float32Array.from({ length: 300 * 3 }, () => rng.gaussian());
    for (let r = 0; r < 300; r++) {
      const n = Math.hypot(unit[3 * r], unit[3 * r + 1], unit[3 * r + 2]);
      for (let d = 0; d < 3; d++) unit[3 * r + d] /= n;
    }
    const xy = songMap(unit, 3, { method: "umap", sample: 120, seed: 1 });
    expect(xy).toHaveLength(600);
    expect(Array.from(xy).every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
