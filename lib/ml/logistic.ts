/**
 * The one logistic regression of the demos (movie taste, image-search confidence):
 * weighted, L2-regularised (the bias is not), fitted by Newton's method (IRLS) with step
 * halving. Pure, browser-safe, deterministic; for small problems (the Hessian is
 * (features + 1)^2: taste has 50 features, the calibration a handful).
 *
 * Objective: sum_i (s_i / S) * logloss(y_i, sigmoid(bias + w . x_i)) + l2 / 2 * |w|^2,
 * with s_i the sample weights and S their total (so l2 does not depend on how many rows
 * or how the weights are scaled).
 */

/** 1 / (1 + e^-z) without overflow for large |z|. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** A feature's standardisation: it enters the model as (x_i - mean_i) / scale_i. */
export interface Standardisation {
  mean: number[];
  scale: number[];
}

/** P(y = 1 | x) = sigmoid(bias + sum_i weights_i * x_i), x standardised first when mean/scale are present. */
export interface LogisticModel extends Partial<Standardisation> {
  weights: number[];
  bias: number;
}

export interface FitLogisticOptions {
  /** One non-negative weight per row (default 1 each); the loss is their weighted mean. */
  sampleWeights?: readonly number[];
  /** L2 penalty on the weights, not the bias (default 0). */
  l2?: number;
  /** Fit on features standardised by their weighted mean and (population) SD; the model keeps both. */
  standardise?: boolean;
  /** Newton steps at most (default 50); it stops earlier once a step moves no coefficient by 1e-10. */
  maxIterations?: number;
}

type Rows = readonly ArrayLike<number>[];

/** Fits weights and bias to `labels` (0 or 1, one per row). */
export function fitLogistic(rows: Rows, labels: readonly number[], options: FitLogisticOptions & { standardise: true }): LogisticModel & Standardisation;
export function fitLogistic(rows: Rows, labels: readonly number[], options?: FitLogisticOptions): LogisticModel;
export function fitLogistic(rows: Rows, labels: readonly number[], options: FitLogisticOptions = {}): LogisticModel {
  const n = rows.length;
  if (n === 0 || labels.length !== n) throw new Error("fitLogistic needs as many labels as rows, and at least one row");
  const { sampleWeights, l2 = 0, standardise = false, maxIterations = 50 } = options;
  if (sampleWeights && sampleWeights.length !== n) throw new Error("fitLogistic needs one sample weight per row");
  const d = rows[0].length;
  const weightOf = (i: number) => (sampleWeights ? sampleWeights[i] : 1);
  let total = 0;
  for (let i = 0; i < n; i++) total += weightOf(i);
  if (!(total > 0)) throw new Error("fitLogistic needs a positive total sample weight");
  const share = Array.from({ length: n }, (_, i) => weightOf(i) / total);

  let standardisation: Standardisation | undefined;
  if (standardise) {
    const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, row, i) => s + weightOf(i) * row[j], 0) / total);
    const scale = Array.from(
      { length: d },
      (_, j) => Math.sqrt(rows.reduce((s, row, i) => s + weightOf(i) * (row[j] - mean[j]) ** 2, 0) / total) || 1,
    );
    standardisation = { mean, scale };
  }
  // Design matrix with a leading 1 for the bias.
  const p = d + 1;
  const Z = rows.map((row) => {
    const z = new Float64Array(p);
    z[0] = 1;
    for (let j = 0; j < d; j++) z[j + 1] = standardisation ? (row[j] - standardisation.mean[j]) / standardisation.scale[j] : row[j];
    return z;
  });

  const objective = (beta: Float64Array) => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j] * Z[i][j];
      loss += share[i] * (softplus(eta) - labels[i] * eta);
    }
    let penalty = 0;
    for (let j = 1; j < p; j++) penalty += beta[j] * beta[j];
    return loss + (l2 / 2) * penalty;
  };

  let beta = new Float64Array(p);
  let current = objective(beta);
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p); // lower triangle, row-major
  const next = new Float64Array(p);
  for (let it = 0; it < maxIterations; it++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const zi = Z[i];
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j] * zi[j];
      const mu = sigmoid(eta);
      const g = share[i] * (mu - labels[i]);
      const h = share[i] * Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < p; j++) {
        grad[j] += g * zi[j];
        const hz = h * zi[j];
        const o = j * p;
        for (let k = 0; k <= j; k++) hess[o + k] += hz * zi[k];
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] += l2 * beta[j];
      hess[j * p + j] += l2;
    }
    const step = solveSymmetric(hess, grad, p);
    // Full Newton step unless it raises the objective (beyond rounding); then halve (near separable data).
    const ceiling = current + 1e-12 * (1 + Math.abs(current));
    let t = 1;
    for (let j = 0; j < p; j++) next[j] = beta[j] - step[j];
    let value = objective(next);
    for (let halvings = 0; value > ceiling && halvings < 30; halvings++) {
      t /= 2;
      for (let j = 0; j < p; j++) next[j] = beta[j] - t * step[j];
      value = objective(next);
    }
    if (value > ceiling) break; // no descent left
    let moved = 0;
    for (let j = 0; j < p; j++) moved = Math.max(moved, Math.abs(next[j] - beta[j]));
    beta = Float64Array.from(next);
    current = value;
    if (moved < 1e-10) break;
  }
  return { ...standardisation, weights: Array.from(beta.subarray(1)), bias: beta[0] };
}

/** P(y = 1) for one row of features. */
export function logisticProbability(model: Readonly<LogisticModel>, x: ArrayLike<number>): number {
  const { weights, mean, scale } = model;
  let z = model.bias;
  if (mean && scale) for (let i = 0; i < weights.length; i++) z += (weights[i] * (x[i] - mean[i])) / scale[i];
  else for (let i = 0; i < weights.length; i++) z += weights[i] * x[i];
  return sigmoid(z);
}

/**
 * Solves A x = b for a symmetric positive (semi)definite p x p matrix given by its lower
 * triangle (row-major), by Cholesky; a zero pivot (a feature that never varies, unpenalised)
 * gives 0 for that coordinate.
 */
function solveSymmetric(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] * L[j * p + k];
    const ljj = d > 1e-12 * (A[j * p + j] || 1) ? Math.sqrt(d) : 0;
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      if (ljj === 0) continue;
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / ljj;
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    if (L[i * p + i] === 0) continue;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * y[k];
    y[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    if (L[i * p + i] === 0) continue;
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}
