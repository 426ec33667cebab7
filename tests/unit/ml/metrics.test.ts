import { describe, expect, it } from "vitest";
import { bestBalancedThreshold, brierScore, expectedCalibrationError, logLoss, percentile, rocAuc } from "@/lib/ml/metrics";

describe("rocAuc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, and counts ties as half", () => {
    expect(rocAuc([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.4, 0.3, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe("probability scores", () => {
  it("log loss and Brier score of confident and hedged predictions", () => {
    expect(logLoss([1, 0], [1, 0])).toBeCloseTo(0, 10);
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.log(2), 12);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true); // clipped
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
  });

  it("ECE is 0 for perfect calibration and the gap otherwise", () => {
    expect(expectedCalibrationError([0, 0, 1, 1], [0, 0, 1, 1])).toBe(0);
    expect(expectedCalibrationError([0.8, 0.8, 0.8, 0.8, 0.8], [1, 1, 1, 1, 1])).toBeCloseTo(0.2, 12);
  });

  it("the balanced threshold separates keep from refuse", () => {
    const { threshold, balancedAccuracy } = bestBalancedThreshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);
    expect(threshold).toBeGreaterThan(0.2);
    expect(threshold).toBeLessThanOrEqual(0.8);
    expect(balancedAccuracy).toBe(1);
  });
});

describe("percentile", () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it("nearest rank (default): the smallest value with at least q of the values at or below it", () => {
    expect(percentile(ten, 0.5)).toBe(5);
    expect(percentile(ten, 0.99)).toBe(10);
    expect(percentile(ten, 0.1)).toBe(1);
    expect(percentile(ten, 0.11)).toBe(2);
    expect(percentile(ten, 0)).toBe(1);
    expect(percentile(ten, 1)).toBe(10);
  });

  it("rounded index: round(q (n - 1))", () => {
    expect(percentile(ten, 0.5, "rounded-index")).toBe(6); // index 4.5 rounds up
    expect(percentile(ten, 0.05, "rounded-index")).toBe(1);
    expect(percentile(ten, 0, "rounded-index")).toBe(1);
    expect(percentile(ten, 1, "rounded-index")).toBe(10);
  });

  it("edge cases: empty is NaN, one value is every percentile, q outside [0, 1] clamps", () => {
    expect(percentile([], 0.5)).toBeNaN();
    expect(percentile([], 0.5, "rounded-index")).toBeNaN();
    for (const q of [0, 0.5, 1]) expect(percentile([7], q)).toBe(7);
    expect(percentile(ten, -1)).toBe(1);
    expect(percentile(ten, 2)).toBe(10);
    expect(percentile(ten, 2, "rounded-index")).toBe(10);
  });
});
