import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  assignHalves,
  calibrationSchema,
  confidenceFeatures,
  confidenceOf,
  judge,
  sameClass,
} from "@/lib/image-search/core/calibration";
import { logisticProbability } from "@/lib/ml/logistic";

const hits = (...pairs: [string, number][]) => pairs.map(([label, score]) => ({ label, score }));

describe("confidence features", () => {
  it("top1, agreement, gap and mean10 of the ten nearest hits", () => {
    const h = hits(["cat", 0.9], ["cat", 0.85], ["dog", 0.8], ["cat", 0.7]);
    const [top1, agreement, gap, mean10] = confidenceFeatures(h, ["top1", "agreement", "gap", "mean10"]);
    expect(top1).toBe(0.9);
    expect(agreement).toBeCloseTo(3 / 4);
    expect(gap).toBeCloseTo(0.1);
    expect(mean10).toBeCloseTo((0.9 + 0.85 + 0.8 + 0.7) / 4);
    // only the first ten count; all agreeing -> gap to the last one
    const eleven = hits(...Array.from({ length: 10 }, (_, i) => ["cat", 0.9 - i * 0.01] as [string, number]), ["dog", 0.1]);
    expect(confidenceFeatures(eleven, ["agreement", "gap"])).toEqual([1, expect.closeTo(0.09, 10)]);
    expect(confidenceFeatures([], ["top1", "agreement"])).toEqual([0, 0]);
  });

  it("Faces and Faces_easy are one class (same photos, cropped differently)", () => {
    expect(sameClass("Faces", "Faces_easy")).toBe(true);
    expect(sameClass("Faces_easy", "Faces_easy")).toBe(true);
    expect(sameClass("Faces", "dalmatian")).toBe(false);
    expect(confidenceFeatures(hits(["Faces", 0.9], ["Faces_easy", 0.8]), ["agreement"])).toEqual([1]);
  });
});

describe("calibration / test halves", () => {
  const photos = [
    ...Array.from({ length: 10 }, (_, i) => ({ id: `cat/image_${i}`, label: "cat", split: "query" as const })),
    ...Array.from({ length: 7 }, (_, i) => ({ id: `BACKGROUND_Google/image_${i}`, label: "BACKGROUND_Google", split: "background" as const })),
    ...Array.from({ length: 4 }, (_, i) => ({ id: `Faces/image_${i}`, label: "Faces", split: "query" as const })),
    ...Array.from({ length: 4 }, (_, i) => ({ id: `Faces_easy/image_${i}`, label: "Faces_easy", split: "query" as const })),
    { id: "cat/indexed", label: "cat", split: "index" as const },
  ];

  it("splits every held-out class evenly, leaves indexed photos out, and is order-independent", () => {
    const halves = assignHalves(photos);
    expect(halves.has("cat/indexed")).toBe(false);
    expect(halves.size).toBe(photos.length - 1);
    const count = (prefix: string, half: string) => [...halves].filter(([id, h]) => id.startsWith(prefix) && h === half).length;
    expect(count("cat/", "calibration")).toBe(5);
    expect(count("BACKGROUND_Google/", "calibration")).toBe(4);
    expect(count("Faces", "calibration")).toBe(4);
    expect(assignHalves([...photos].reverse())).toEqual(halves);
  });
});

describe("the committed calibration (data/image-search/calibration.json)", () => {
  const calibration = calibrationSchema.parse(JSON.parse(fs.readFileSync(path.resolve("data/image-search/calibration.json"), "utf8")));

  it("is valid and has a threshold inside (0, 1)", () => {
    expect(calibration.threshold).toBeGreaterThan(0);
    expect(calibration.threshold).toBeLessThan(1);
    expect(calibration.features[0]).toBe("top1");
  });

  it("trusts ten close, agreeing neighbours and distrusts far, disagreeing ones", () => {
    const close = hits(...Array.from({ length: 10 }, (_, i) => ["dalmatian", 0.9 - i * 0.005] as [string, number]));
    const far = hits(...Array.from({ length: 10 }, (_, i) => [`class${i}`, 0.62 - i * 0.005] as [string, number]));
    expect(judge(calibration, close)).toMatchObject({ noMatch: false });
    expect(judge(calibration, close).confidence).toBeGreaterThan(0.9);
    expect(judge(calibration, far)).toMatchObject({ noMatch: true });
    expect(judge(calibration, far).confidence).toBeLessThan(0.2);
    expect(confidenceOf(calibration, [])).toBe(0);
    // monotone in the top-1 similarity
    const at = (s: number) => confidenceOf(calibration, hits(["a", s], ["a", s - 0.01], ["b", s - 0.02]));
    expect(at(0.6)).toBeLessThan(at(0.7));
    expect(at(0.7)).toBeLessThan(at(0.8));
  });

  it("confidence = sigmoid(bias + sum w_i (x_i - mean_i) / scale_i) of the stored coefficients", () => {
    const h = hits(["cat", 0.81], ["cat", 0.8], ["dog", 0.74], ["cat", 0.7]);
    const x = confidenceFeatures(h, calibration.features);
    const z = calibration.bias + x.reduce((s, xi, i) => s + (calibration.weights[i] * (xi - calibration.mean[i])) / calibration.scale[i], 0);
    expect(confidenceOf(calibration, h)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    expect(confidenceOf(calibration, h)).toBe(logisticProbability(calibration, x));
  });

  it("reports its fit and test-half numbers", () => {
    const fit = calibration.fit as { testHalf: { precisionAt1: number; backgroundNoMatchRate: number; falseNoMatchRate: number } };
    expect(fit.testHalf.precisionAt1).toBeGreaterThan(0.8);
    expect(fit.testHalf.backgroundNoMatchRate).toBeGreaterThan(0.7);
    expect(fit.testHalf.falseNoMatchRate).toBeLessThan(0.25);
  });
});
