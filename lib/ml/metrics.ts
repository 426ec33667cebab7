/**
 * Evaluation metrics shared by the demos, scripts and benchmarks: ranking (ROC AUC),
 * probability quality (log loss, Brier score, expected calibration error), a decision
 * threshold, and percentiles. Pure and browser-safe. Labels are 0 or 1.
 */

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
  for (const l of labels) {
    if (l === 1) pos++;
    else neg++;
  }
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

/**
 * How `percentile` picks a value of n sorted ones for a fraction q:
 * "nearest-rank" the smallest value with at least q of the values at or below it, index
 * ceil(q n) - 1 (the benchmarks' latency p50/p99); "rounded-index" index round(q (n - 1))
 * (scripts/image-search/evaluate.ts's similarity tables in data/image-search/README.md).
 */
export type PercentileMethod = "nearest-rank" | "rounded-index";

/** The q-quantile (q in [0, 1]) of ascending `sorted` values, without interpolation; NaN when empty. */
export function percentile(sorted: readonly number[], q: number, method: PercentileMethod = "nearest-rank"): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const i = method === "nearest-rank" ? Math.ceil(q * n) - 1 : Math.round(q * (n - 1));
  return sorted[Math.min(n - 1, Math.max(0, i))];
}
