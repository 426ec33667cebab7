/**
 * "Knows when it does not know": a calibrated confidence that the top search result is
 * of the query's class, and the "no match" decision taken from it. Pure (no Node, no
 * database): the search service, the calibration script and the tests share it.
 *
 * Features of one search (the 10 nearest indexed photos, cosine, best first), from which
 * scripts/image-search/calibrate.ts picks a set by cross-validation on the calibration half:
 *   top1      cosine similarity of the best hit
 *   agreement fraction of the 10 hits whose class is the best hit's class
 *   gap       top1 minus the similarity of the best hit of another class
 *             (top1 - 10th similarity when all ten agree)
 *   mean10    mean similarity of the 10 hits
 * confidence = sigmoid(bias + sum_i w_i * (x_i - mean_i) / scale_i): the probability that
 * the best hit is of the query's class (0 for a query of no class in the collection).
 * Fitted on a calibration half of the held-out photos and committed as
 * data/image-search/calibration.json; noMatch = confidence < threshold (picked on that half).
 */
import { z } from "zod";
import { fnv1a32, splitGroup, type Split } from "./split";

/** Hits the confidence looks at; searches fetch at least this many. */
export const CONFIDENCE_NEIGHBOURS = 10;

export interface LabelledHit {
  label: string;
  /** Cosine similarity. */
  score: number;
}

/** Same class for retrieval purposes: Faces and Faces_easy are the same photos cropped differently. */
export function sameClass(a: string, b: string): boolean {
  return splitGroup(a) === splitGroup(b);
}

type Feature = (top: readonly LabelledHit[]) => number;

/** Every feature a calibration may use, by name; `top` is non-empty and at most 10 hits. */
export const FEATURES = {
  top1: (top) => top[0].score,
  agreement: (top) => top.filter((h) => sameClass(h.label, top[0].label)).length / top.length,
  gap: (top) => top[0].score - (top.find((h) => !sameClass(h.label, top[0].label)) ?? top[top.length - 1]).score,
  mean10: (top) => top.reduce((s, h) => s + h.score, 0) / top.length,
} satisfies Record<string, Feature>;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** The named features of one search's hits, best first; zeros when there are none. */
export function confidenceFeatures(hits: readonly LabelledHit[], names: readonly FeatureName[]): number[] {
  const top = hits.slice(0, CONFIDENCE_NEIGHBOURS);
  return names.map((name) => (top.length ? FEATURES[name](top) : 0));
}

export const calibrationSchema = z.object({
  version: z.literal(1),
  description: z.string(),
  features: z.array(z.enum(FEATURE_NAMES as [FeatureName, ...FeatureName[]])).min(1),
  neighbours: z.literal(CONFIDENCE_NEIGHBOURS),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** noMatch when confidence < threshold. */
  threshold: z.number().min(0).max(1),
  /** How it was fitted and what it measured (documentation; not used at run time). */
  fit: z.record(z.string(), z.unknown()),
}).refine(
  (c) => c.mean.length === c.features.length && c.scale.length === c.features.length && c.weights.length === c.features.length,
  "mean, scale and weights need one value per feature",
);
export type Calibration = z.infer<typeof calibrationSchema>;

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export interface LogisticModel {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export function logisticProbability(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i] * (x[i] - model.mean[i])) / model.scale[i];
  return sigmoid(z);
}

/** Probability (0..1) that the best hit is of the query's class. */
export function confidenceOf(calibration: LogisticModel & { features: readonly FeatureName[] }, hits: readonly LabelledHit[]): number {
  if (hits.length === 0) return 0;
  return logisticProbability(calibration, confidenceFeatures(hits, calibration.features));
}

export function judge(calibration: Calibration, hits: readonly LabelledHit[]): { confidence: number; noMatch: boolean } {
  const confidence = confidenceOf(calibration, hits);
  return { confidence, noMatch: confidence < calibration.threshold };
}

/**
 * L2-regularised logistic regression by Newton's method (IRLS) on standardised features;
 * the intercept is not penalised. Deterministic; converges in a handful of iterations.
 */
export function fitLogistic(X: readonly (readonly number[])[], y: readonly number[], l2 = 1e-3, iterations = 50): LogisticModel {
  const n = X.length;
  if (n === 0 || y.length !== n) throw new Error("fitLogistic needs as many labels as rows, and at least one row");
  const d = X[0].length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[j], 0) / n);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / n) || 1);
  const Z = X.map((row) => [1, ...row.map((v, j) => (v - mean[j]) / scale[j])]);
  const p = d + 1;
  let beta = new Array<number>(p).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(p).fill(0);
    const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < n; i++) {
      const zi = Z[i];
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j] * zi[j];
      const mu = sigmoid(eta);
      const w = Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < p; j++) {
        grad[j] += (y[i] - mu) * zi[j];
        for (let k = 0; k < p; k++) hess[j][k] += w * zi[j] * zi[k];
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] -= l2 * n * beta[j];
      hess[j][j] += l2 * n;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { mean, scale, weights: beta.slice(1), bias: beta[0] };
}

/** Solves A x = b (small, symmetric positive definite) by Gaussian elimination with pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
    [M[c], M[pivot]] = [M[pivot], M[c]];
    const v = M[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / v;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / (row[i] || 1e-12));
}

// ---------------------------------------------------------------- the calibration / test halves

export type CalibrationHalf = "calibration" | "test";

/**
 * Splits held-out photos (query + background) into two halves, deterministically and
 * per class: within each class the photos are ranked by FNV-1a-32 of `halves/<id>` (ties
 * by id) and alternate calibration, test, calibration, ... So each class (and the
 * background) is split evenly and the same photos always land in the same half.
 */
export function assignHalves(photos: readonly { id: string; label: string; split: Split }[]): Map<string, CalibrationHalf> {
  const byGroup = new Map<string, string[]>();
  for (const p of photos) {
    if (p.split === "index") continue;
    const group = splitGroup(p.label);
    if (!byGroup.has(group)) byGroup.set(group, []);
    byGroup.get(group)!.push(p.id);
  }
  const halves = new Map<string, CalibrationHalf>();
  for (const ids of byGroup.values()) {
    ids
      .sort((a, b) => fnv1a32(`halves/${a}`) - fnv1a32(`halves/${b}`) || (a < b ? -1 : a > b ? 1 : 0))
      .forEach((id, i) => halves.set(id, i % 2 === 0 ? "calibration" : "test"));
  }
  return halves;
}

// ---------------------------------------------------------------- metrics

/** Area under the ROC curve of `scores` for positives (label 1) vs negatives (0); ties count half. */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k][1] === 1) rankSum += avgRank;
    i = j;
  }
  for (const l of labels) (l === 1 ? pos++ : neg++);
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function logLoss(probabilities: readonly number[], labels: readonly number[]): number {
  let s = 0;
  probabilities.forEach((p, i) => {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
    s -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
  });
  return s / probabilities.length;
}

export function brierScore(probabilities: readonly number[], labels: readonly number[]): number {
  return probabilities.reduce((s, p, i) => s + (p - labels[i]) ** 2, 0) / probabilities.length;
}

/** Expected calibration error over `bins` equal-width probability bins. */
export function expectedCalibrationError(probabilities: readonly number[], labels: readonly number[], bins = 10): number {
  const sum = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  probabilities.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    sum[b] += p;
    hit[b] += labels[i];
    count[b]++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b] / probabilities.length) * Math.abs(sum[b] / count[b] - hit[b] / count[b]);
  return ece;
}

/**
 * The threshold on `probabilities` that best separates label 1 (keep) from 0 (no match)
 * by balanced accuracy; candidates are midpoints between neighbouring distinct values.
 */
export function bestBalancedThreshold(probabilities: readonly number[], labels: readonly number[]): { threshold: number; balancedAccuracy: number } {
  const values = [...new Set(probabilities)].sort((a, b) => a - b);
  const candidates = [0, ...values.slice(1).map((v, i) => (v + values[i]) / 2), 1];
  const pos = labels.filter((l) => l === 1).length;
  const neg = labels.length - pos;
  let best = { threshold: 0.5, balancedAccuracy: -1 };
  for (const t of candidates) {
    let keptPos = 0;
    let rejectedNeg = 0;
    probabilities.forEach((p, i) => {
      if (labels[i] === 1 && p >= t) keptPos++;
      if (labels[i] === 0 && p < t) rejectedNeg++;
    });
    const ba = ((pos ? keptPos / pos : 1) + (neg ? rejectedNeg / neg : 1)) / 2;
    if (ba > best.balancedAccuracy + 1e-12) best = { threshold: t, balancedAccuracy: ba };
  }
  return best;
}
