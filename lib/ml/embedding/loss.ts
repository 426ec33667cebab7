// Per-sample losses of a (context, row) pair with target y (1 for a real pair,
// `negativeTarget` for a negative). Each adds scale * dLoss/d(vector) to the
// gradient buffers and returns the sample's loss; gradients are derived by
// hand so the hot loop stays on plain Float32Arrays.

import { sigmoid, softplus } from "@/lib/ml/logistic";

export type AccumulateSample = (
  contextW: Float32Array,
  contextOffset: number,
  rowW: Float32Array,
  rowOffset: number,
  dims: number,
  target: number,
  contextGrad: Float32Array,
  rowGrad: Float32Array,
  scale: number,
) => number;

export interface PairLoss {
  negativeTarget: number;
  accumulate: AccumulateSample;
}

/**
 * The published movie loss (Osinga 2017): (c - y)^2 with c = cosine(u, v) of the context
 * and row vectors, y = +1 / -1.
 *   dc/du = (v^ - c u^) / |u|,  dc/dv = (u^ - c v^) / |v|,  dL/dc = 2 (c - y).
 */
export const accumulateCosineError: AccumulateSample = (contextW, contextOffset, rowW, rowOffset, dims, target, contextGrad, rowGrad, scale) => {
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let d = 0; d < dims; d++) {
    const a = contextW[contextOffset + d];
    const b = rowW[rowOffset + d];
    uv += a * b;
    uu += a * a;
    vv += b * b;
  }
  const nu = Math.sqrt(uu) + 1e-12;
  const nv = Math.sqrt(vv) + 1e-12;
  const c = uv / (nu * nv);
  const err = c - target;
  const g = 2 * err * scale;
  // dL/du = g (v/(|u||v|) - c u/|u|^2), dL/dv = g (u/(|u||v|) - c v/|v|^2)
  const inv = g / (nu * nv);
  const cu = (g * c) / uu;
  const cv = (g * c) / vv;
  for (let d = 0; d < dims; d++) {
    const a = contextW[contextOffset + d];
    const b = rowW[rowOffset + d];
    contextGrad[contextOffset + d] += inv * b - cu * a;
    rowGrad[rowOffset + d] += inv * a - cv * b;
  }
  return err * err;
};

/**
 * word2vec's loss (Mikolov et al. 2013): log loss of sigmoid(u.v) against y = 1 / 0.
 * dL/d(u.v) = sigmoid(u.v) - y; the loss is computed as a softplus, stable for large |u.v|.
 */
export const accumulateLogLoss: AccumulateSample = (contextW, contextOffset, rowW, rowOffset, dims, target, contextGrad, rowGrad, scale) => {
  let s = 0;
  for (let d = 0; d < dims; d++) s += contextW[contextOffset + d] * rowW[rowOffset + d];
  const p = sigmoid(s);
  const g = (p - target) * scale;
  for (let d = 0; d < dims; d++) {
    const a = contextW[contextOffset + d];
    contextGrad[contextOffset + d] += g * rowW[rowOffset + d];
    rowGrad[rowOffset + d] += g * a;
  }
  // -(y log p + (1 - y) log(1 - p)) = y softplus(-s) + (1 - y) softplus(s)
  return target * softplus(-s) + (1 - target) * softplus(s);
};

export const LOSSES = {
  cosine: { negativeTarget: -1, accumulate: accumulateCosineError },
  logistic: { negativeTarget: 0, accumulate: accumulateLogLoss },
} satisfies Record<string, PairLoss>;

export type LossName = keyof typeof LOSSES;
