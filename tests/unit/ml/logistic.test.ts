import { describe, expect, it } from "vitest";
import { fitLogistic, logisticProbability, sigmoid } from "@/lib/ml/logistic";
import { createRng } from "@/lib/ml/rng";

/** n rows of [gaussian, uniform] with labels drawn from sigmoid(0.5 + 2 a - 1.5 b). */
function simulated(n: number, seed = 42): { X: number[][]; y: number[] } {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.gaussian();
    const b = rng.next();
    X.push([a, b]);
    y.push(rng.next() < sigmoid(0.5 + 2 * a - 1.5 * b) ? 1 : 0);
  }
  return { X, y };
}

describe("sigmoid", () => {
  it("is stable at the extremes and symmetric", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(Number.isNaN(sigmoid(-1e308))).toBe(false);
    expect(sigmoid(3) + sigmoid(-3)).toBeCloseTo(1, 15);
  });
});

describe("fitLogistic", () => {
  it("recovers the coefficients of simulated data, on raw and on standardised features", () => {
    const { X, y } = simulated(4000);
    const raw = fitLogistic(X, y);
    expect(raw.weights[0]).toBeCloseTo(2, 0);
    expect(raw.weights[1]).toBeCloseTo(-1.5, 0);
    expect(raw.bias).toBeCloseTo(0.5, 0);
    expect(raw.mean).toBeUndefined();

    const std = fitLogistic(X, y, { standardise: true });
    // Same model, other parametrisation: back to raw-feature coefficients.
    const w = std.weights.map((wi, i) => wi / std.scale[i]);
    const b0 = std.bias - std.weights.reduce((s, wi, i) => s + (wi * std.mean[i]) / std.scale[i], 0);
    expect(w[0]).toBeCloseTo(raw.weights[0], 6);
    expect(w[1]).toBeCloseTo(raw.weights[1], 6);
    expect(b0).toBeCloseTo(raw.bias, 6);
    for (const x of X.slice(0, 20)) expect(logisticProbability(std, x)).toBeCloseTo(logisticProbability(raw, x), 8);
    // Unpenalised bias: in-sample mean prediction = base rate.
    const mean = X.reduce((s, x) => s + logisticProbability(raw, x), 0) / X.length;
    expect(mean).toBeCloseTo(y.reduce((s, v) => s + v, 0) / y.length, 6);
  });

  it("is at the optimum: the gradient of the weighted, penalised objective is zero", () => {
    const { X, y } = simulated(300, 7);
    const sampleWeights = X.map((_, i) => 1 + (i % 3));
    const l2 = 0.05;
    const m = fitLogistic(X, y, { sampleWeights, l2 });
    const total = sampleWeights.reduce((s, v) => s + v, 0);
    const grad = [0, 0, 0];
    X.forEach((x, i) => {
      const r = (sampleWeights[i] / total) * (logisticProbability(m, x) - y[i]);
      grad[0] += r;
      grad[1] += r * x[0] + (l2 * m.weights[0]) / X.length;
      grad[2] += r * x[1] + (l2 * m.weights[1]) / X.length;
    });
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-10);
  });

  it("sample weights count like repeated rows, and only their ratios matter", () => {
    const X = [[0], [1], [2], [3], [1.5]];
    const y = [0, 0, 1, 1, 1];
    const weighted = fitLogistic(X, y, { sampleWeights: [1, 1, 1, 1, 3], l2: 0.1 });
    const repeated = fitLogistic([...X, [1.5], [1.5]], [...y, 1, 1], { l2: 0.1 });
    expect(weighted.weights[0]).toBeCloseTo(repeated.weights[0], 9);
    expect(weighted.bias).toBeCloseTo(repeated.bias, 9);
    const scaled = fitLogistic(X, y, { sampleWeights: [10, 10, 10, 10, 30], l2: 0.1 });
    expect(scaled.weights[0]).toBeCloseTo(weighted.weights[0], 9);
    // and they change the fit
    const unweighted = fitLogistic(X, y, { l2: 0.1 });
    expect(Math.abs(unweighted.bias - weighted.bias)).toBeGreaterThan(0.05);
  });

  it("L2 shrinks the weights but not the bias", () => {
    const { X, y } = simulated(500, 3);
    const norm = (w: number[]) => Math.hypot(...w);
    const loose = fitLogistic(X, y, { l2: 0 });
    const tight = fitLogistic(X, y, { l2: 1 });
    const tighter = fitLogistic(X, y, { l2: 100 });
    expect(norm(tight.weights)).toBeLessThan(norm(loose.weights));
    expect(norm(tighter.weights)).toBeLessThan(0.05);
    // With the weights ~0, the unpenalised bias alone fits the base rate.
    const rate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(sigmoid(tighter.bias)).toBeCloseTo(rate, 2);
  });

  it("is deterministic and survives separable data and constant features", () => {
    const X = [[0, 1], [1, 1], [2, 1], [3, 1]];
    const y = [0, 0, 1, 1];
    const a = fitLogistic(X, y, { l2: 1e-3, standardise: true });
    expect(fitLogistic(X, y, { l2: 1e-3, standardise: true })).toEqual(a);
    expect(a.scale[1]).toBe(1);
    for (const x of X) expect(Number.isFinite(logisticProbability(a, x))).toBe(true);
    expect(logisticProbability(a, [3, 1])).toBeGreaterThan(0.9);
    expect(logisticProbability(a, [0, 1])).toBeLessThan(0.1);
    // No penalty, separable, a constant feature: stays finite (stops after maxIterations).
    const free = fitLogistic(X, y);
    expect([...free.weights, free.bias].every(Number.isFinite)).toBe(true);
    expect(logisticProbability(free, [3, 1])).toBeGreaterThan(0.99);
  });

  it("refuses mismatched input", () => {
    expect(() => fitLogistic([], [])).toThrow();
    expect(() => fitLogistic([[1]], [1, 0])).toThrow();
    expect(() => fitLogistic([[1], [2]], [1, 0], { sampleWeights: [1] })).toThrow();
    expect(() => fitLogistic([[1], [2]], [1, 0], { sampleWeights: [0, 0] })).toThrow();
  });
});
