import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  assignHalves,
  calibrationSchema,
  confidenceFeatures,
  confidenceOf,
  judge,
  LABEL_FEATURES,
  modelFor,
  OPERATING_GOALS,
  sameClass,
} from "@/lib/image-search/core/calibration";
import { logisticProbability } from "@/lib/ml/logistic";

const hits = (...pairs: [string, number][]) => pairs.map(([label, score]) => ({ label, score }));
const only = (h: { label: string; score: number }[]) => ({ hits: h });

describe("confidence features", () => {
  it("top1, agreement, gap and mean10 of the ten nearest hits", () => {
    const h = hits(["cat", 0.9], ["cat", 0.85], ["dog", 0.8], ["cat", 0.7]);
    const [top1, agreement, gap, mean10] = confidenceFeatures(only(h), ["top1", "agreement", "gap", "mean10"]);
    expect(top1).toBe(0.9);
    expect(agreement).toBeCloseTo(3 / 4);
    expect(gap).toBeCloseTo(0.1);
    expect(mean10).toBeCloseTo((0.9 + 0.85 + 0.8 + 0.7) / 4);
    // only the first ten count; all agreeing -> gap to the last one
    const eleven = hits(...Array.from({ length: 10 }, (_, i) => ["cat", 0.9 - i * 0.01] as [string, number]), ["dog", 0.1]);
    expect(confidenceFeatures(only(eleven), ["agreement", "gap"])).toEqual([1, expect.closeTo(0.09, 10)]);
    expect(confidenceFeatures(only([]), ["top1", "agreement"])).toEqual([0, 0]);
  });

  it("top1 / gap / mean10 come from the query's own neighbours, agreement / clutter from the final ranking", () => {
    const first = hits(["cat", 0.6], ["dog", 0.5]);
    const final = [{ label: "cat", score: 0.9 }, { label: "BACKGROUND_Google", score: 0.8 }];
    expect(confidenceFeatures({ hits: final, first }, ["top1", "gap", "agreement", "clutter"])).toEqual([0.6, expect.closeTo(0.1, 10), 0.5, 0.5]);
  });

  it("label features: the classifier's top probability and how many hits share its top label", () => {
    const final = [
      { label: "dalmatian", score: 0.9, imagenet: "dalmatian" },
      { label: "dalmatian", score: 0.8, imagenet: "Great Dane" },
    ];
    const queryLabels = [{ label: "Great Dane", probability: 0.2 }, { label: "dalmatian", probability: 0.7 }];
    expect(confidenceFeatures({ hits: final, queryLabels }, ["labelProb", "labelMatch"])).toEqual([0.7, 0.5]);
    expect(confidenceFeatures({ hits: final }, ["labelProb", "labelMatch"])).toEqual([0, 0]);
  });

  it("Faces and Faces_easy are one class (same photos, cropped differently)", () => {
    expect(sameClass("Faces", "Faces_easy")).toBe(true);
    expect(sameClass("Faces_easy", "Faces_easy")).toBe(true);
    expect(sameClass("Faces", "dalmatian")).toBe(false);
    expect(confidenceFeatures(only(hits(["Faces", 0.9], ["Faces_easy", 0.8])), ["agreement"])).toEqual([1]);
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
  const labels = [{ label: "dalmatian", probability: 0.9 }];

  it("is valid and has thresholds inside (0, 1); the labels-free model uses no label feature", () => {
    for (const model of [calibration, calibration.withoutLabels!]) {
      expect(model.threshold).toBeGreaterThan(0);
      expect(model.threshold).toBeLessThan(1);
      expect(model.features[0]).toBe("top1");
    }
    expect(calibration.withoutLabels!.features.some((f) => LABEL_FEATURES.includes(f))).toBe(false);
  });

  it("trusts ten close, agreeing neighbours and distrusts far, disagreeing ones (with and without labels)", () => {
    const close = Array.from({ length: 10 }, (_, i) => ({ label: "dalmatian", score: 0.9 - i * 0.005, imagenet: "dalmatian" }));
    const far = hits(...Array.from({ length: 10 }, (_, i) => [`class${i}`, 0.1 - i * 0.005] as [string, number]));
    for (const queryLabels of [labels, []]) {
      expect(judge(calibration, { hits: close, queryLabels })).toMatchObject({ noMatch: false });
      expect(judge(calibration, { hits: close, queryLabels }).confidence).toBeGreaterThan(0.9);
      expect(judge(calibration, { hits: far, queryLabels: queryLabels.map((l) => ({ ...l, probability: 0.05 })) })).toMatchObject({ noMatch: true });
    }
    expect(confidenceOf(calibration, only([]))).toBe(0);
    // monotone in the top-1 similarity
    const at = (s: number) => confidenceOf(calibration, { hits: hits(["a", s], ["a", s - 0.01], ["b", s - 0.02]), queryLabels: labels });
    expect(at(0.2)).toBeLessThan(at(0.4));
    expect(at(0.4)).toBeLessThan(at(0.6));
  });

  it("confidence = sigmoid(bias + sum w_i (x_i - mean_i) / scale_i) of the stored coefficients; no labels -> the labels-free model", () => {
    const evidence = { hits: hits(["cat", 0.81], ["cat", 0.8], ["dog", 0.74], ["cat", 0.7]), queryLabels: labels };
    const x = confidenceFeatures(evidence, calibration.features);
    const z = calibration.bias + x.reduce((s, xi, i) => s + (calibration.weights[i] * (xi - calibration.mean[i])) / calibration.scale[i], 0);
    expect(confidenceOf(calibration, evidence)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    expect(confidenceOf(calibration, evidence)).toBe(logisticProbability(calibration, x));
    const bare = { hits: evidence.hits };
    expect(modelFor(calibration, bare)).toBe(calibration.withoutLabels);
    expect(judge(calibration, bare).confidence).toBe(logisticProbability(calibration.withoutLabels!, confidenceFeatures(bare, calibration.withoutLabels!.features)));
  });

  it("meets the operating-point goals: cross-validated and on the test half, read from the committed curve and report", () => {
    const { operatingPoint, curve } = calibration;
    const goals = OPERATING_GOALS;
    expect(operatingPoint.goals).toEqual(goals);
    expect(operatingPoint.threshold).toBeCloseTo(calibration.threshold, 5);
    for (const point of [operatingPoint.crossValidated, operatingPoint.testHalf]) {
      expect(point.inCollectionNoMatch).toBeLessThanOrEqual(goals.maxInCollectionNoMatch);
      expect(point.backgroundNoMatch).toBeGreaterThanOrEqual(goals.minBackgroundNoMatch);
    }
    // The curve holds the operating point, rises with the threshold, and is long enough to plot.
    expect(curve.length).toBeGreaterThanOrEqual(20);
    expect(curve.length).toBeLessThanOrEqual(50);
    const at = curve.find((p) => Math.abs(p.threshold - calibration.threshold) < 1e-5)!;
    expect(at.inCollectionNoMatch).toBeCloseTo(operatingPoint.crossValidated.inCollectionNoMatch, 6);
    expect(at.backgroundNoMatch).toBeCloseTo(operatingPoint.crossValidated.backgroundNoMatch, 6);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].threshold).toBeGreaterThan(curve[i - 1].threshold);
      expect(curve[i].inCollectionNoMatch).toBeGreaterThanOrEqual(curve[i - 1].inCollectionNoMatch);
      expect(curve[i].backgroundNoMatch).toBeGreaterThanOrEqual(curve[i - 1].backgroundNoMatch);
    }
    // The test-half report behind the operating point agrees with it.
    const testHalf = (calibration.fit as { testHalf: { inCollectionNoMatch: number; backgroundNoMatch: number; precisionAt5: number } }).testHalf;
    expect(testHalf.inCollectionNoMatch).toBe(operatingPoint.testHalf.inCollectionNoMatch);
    expect(testHalf.backgroundNoMatch).toBe(operatingPoint.testHalf.backgroundNoMatch);
    expect(testHalf.precisionAt5).toBeGreaterThanOrEqual(0.83);
  });
});
