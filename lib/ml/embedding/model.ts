// The two embedding tables (rows and contexts) and the training state around
// them; Hogwild workers share the state through SharedArrayBuffers.

import { createRng } from "@/lib/ml/rng";

export interface EmbeddingModel {
  dims: number;
  rowCount: number;
  contextCount: number;
  /** rowCount x dims, row-major, not normalised. */
  rowVectors: Float32Array;
  /** contextCount x dims. */
  contextVectors: Float32Array;
}

/** Weights and Adam moments (empty when the optimizer keeps none). */
export interface TrainState {
  rowW: Float32Array;
  contextW: Float32Array;
  rowM: Float32Array;
  rowV: Float32Array;
  contextM: Float32Array;
  contextV: Float32Array;
}

/** Weights uniform in [-initScale, initScale], contexts drawn first. */
export function createTrainState(
  rowCount: number,
  contextCount: number,
  dims: number,
  initScale: number,
  seed: number,
  options: { shared?: boolean; moments?: boolean } = {},
): TrainState {
  const make = (n: number) => (options.shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n));
  const moment = (n: number) => make(options.moments === false ? 0 : n);
  const state: TrainState = {
    rowW: make(rowCount * dims),
    contextW: make(contextCount * dims),
    rowM: moment(rowCount * dims),
    rowV: moment(rowCount * dims),
    contextM: moment(contextCount * dims),
    contextV: moment(contextCount * dims),
  };
  const rng = createRng(seed);
  for (let i = 0; i < state.contextW.length; i++) state.contextW[i] = (rng.next() * 2 - 1) * initScale;
  for (let i = 0; i < state.rowW.length; i++) state.rowW[i] = (rng.next() * 2 - 1) * initScale;
  return state;
}

/** Cosine similarity of a row and a context vector (the cosine loss's score). */
export function pairCosine(model: EmbeddingModel, row: number, context: number): number {
  const { dims, rowVectors: v, contextVectors: u } = model;
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let d = 0; d < dims; d++) {
    const a = u[context * dims + d];
    const b = v[row * dims + d];
    uv += a * b;
    uu += a * a;
    vv += b * b;
  }
  return uv / (Math.sqrt(uu * vv) + 1e-12);
}
