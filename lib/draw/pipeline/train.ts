/**
 * Training the token LSTM (lib/draw/core/lstm) by truncated backpropagation through time:
 * a batch of sequences (similar lengths, padded) is cut into windows of `window` steps; each
 * window is one Adam step, and its final state starts the next window without a gradient.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, shuffleInPlace } from "../../ml/rng";
import type { ContextSpec } from "../core/context";
import { sequenceContext } from "../core/context";
import { lstmStep, trainingLinear, zeroState, type Linear, type LstmState, type LstmWeights } from "../core/lstm";

export interface TrainOptions {
  batch: number;
  window: number;
  learningRate: number;
  clipNorm: number;
  seed: number;
}

/** Inputs are START + tokens[:-1], targets tokens: the model predicts every token including END. */
export interface Batch {
  inputs: Int32Array; // (steps, batch) row-major by step
  /** Side inputs (steps, batch, contextSize), when the model takes them. */
  context: Float32Array | null;
  contextSize: number;
  targets: Int32Array;
  mask: Float32Array;
  steps: number;
  batch: number;
}

export function makeBatch(seqs: number[][], start: number, batch: number, contextSpec: ContextSpec | null = null): Batch {
  const steps = Math.max(...seqs.map((s) => s.length));
  const inputs = new Int32Array(steps * batch).fill(start);
  const targets = new Int32Array(steps * batch);
  const mask = new Float32Array(steps * batch);
  const size = contextSpec?.size ?? 0;
  const context = contextSpec ? new Float32Array(steps * batch * size) : null;
  seqs.forEach((seq, b) => {
    for (let t = 0; t < seq.length; t++) {
      inputs[t * batch + b] = t === 0 ? start : seq[t - 1];
      targets[t * batch + b] = seq[t];
      mask[t * batch + b] = 1;
    }
    if (contextSpec && context) {
      const own = sequenceContext(contextSpec, seq);
      for (let t = 0; t < seq.length; t++) context.set(own.subarray(t * size, (t + 1) * size), (t * batch + b) * size);
    }
  });
  return { inputs, context, contextSize: size, targets, mask, steps, batch };
}

/** Batches of similar length: shuffled, sorted within chunks of 16 batches, batches shuffled again. */
export function epochBatches(seqs: number[][], start: number, batch: number, rng: { int(n: number): number }, contextSpec: ContextSpec | null = null): Batch[] {
  const order = shuffleInPlace(seqs.map((_, i) => i), rng);
  const groups: number[][] = [];
  for (let c = 0; c < order.length; c += batch * 16) {
    const chunk = order.slice(c, c + batch * 16).sort((a, b) => seqs[a].length - seqs[b].length);
    for (let i = 0; i < chunk.length; i += batch) groups.push(chunk.slice(i, i + batch));
  }
  shuffleInPlace(groups, rng);
  return groups.map((g) => makeBatch(g.map((i) => seqs[i]), start, batch, contextSpec));
}

/** Summed masked cross-entropy over steps [t0, t1) of a batch, from `state`; returns the final state too. */
export function windowLoss(w: LstmWeights, b: Batch, t0: number, t1: number, state: LstmState, linear?: Linear): { loss: tf.Scalar; state: LstmState } {
  let st = state;
  let total: tf.Scalar = tf.scalar(0);
  for (let t = t0; t < t1; t++) {
    const slice = (a: Int32Array | Float32Array) => a.subarray(t * b.batch, (t + 1) * b.batch);
    const context = b.context ? tf.tensor2d(b.context.subarray(t * b.batch * b.contextSize, (t + 1) * b.batch * b.contextSize), [b.batch, b.contextSize]) : undefined;
    const out = lstmStep(w, tf.tensor1d(slice(b.inputs) as Int32Array, "int32"), st, linear, context);
    st = out.state;
    const logp = tf.logSoftmax(out.logits);
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(slice(b.targets) as Int32Array, "int32"), w.config.outputVocab)), 1);
    total = tf.sub(total, tf.sum(tf.mul(picked, tf.tensor1d(slice(b.mask) as Float32Array)))) as tf.Scalar;
  }
  return { loss: total, state: st };
}

export function maskCount(b: Batch, t0: number, t1: number): number {
  let n = 0;
  for (let i = t0 * b.batch; i < t1 * b.batch; i++) n += b.mask[i];
  return n;
}

export function createTrainer(w: LstmWeights, opts: TrainOptions) {
  const optimizer = tf.train.adam(opts.learningRate);
  const vars = new Map<string, tf.Variable>();
  // Variables wrap the weight tensors in place, so `w` always holds the current weights.
  w.layers.forEach((l, i) => {
    l.inputKernel = tf.variable(l.inputKernel, true, `l${i}_in`) as unknown as tf.Tensor2D;
    l.recurrentKernel = tf.variable(l.recurrentKernel, true, `l${i}_rec`) as unknown as tf.Tensor2D;
    l.bias = tf.variable(l.bias, true, `l${i}_b`) as unknown as tf.Tensor1D;
  });
  w.outputKernel = tf.variable(w.outputKernel, true, "out_k") as unknown as tf.Tensor2D;
  w.outputBias = tf.variable(w.outputBias, true, "out_b") as unknown as tf.Tensor1D;
  void vars;

  /** One batch: a step per window. Returns the summed loss and the token count. */
  function trainBatch(b: Batch): { loss: number; tokens: number } {
    let state = zeroState(w.config, b.batch);
    let lossSum = 0;
    let tokens = 0;
    for (let t0 = 0; t0 < b.steps; t0 += opts.window) {
      const t1 = Math.min(b.steps, t0 + opts.window);
      const n = maskCount(b, t0, t1);
      if (n === 0) break;
      let nextState: LstmState = state;
      const lin = trainingLinear();
      const lossValue = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const out = windowLoss(w, b, t0, t1, state, lin.linear);
          nextState = out.state.map((s) => ({ h: tf.keep(s.h), c: tf.keep(s.c) }));
          return tf.div(out.loss, n) as tf.Scalar;
        });
        const names = Object.keys(grads);
        const norm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k]))))) as tf.Scalar;
        const scale = tf.minimum(1, tf.div(opts.clipNorm, tf.add(norm, 1e-6)));
        const clipped: Record<string, tf.Tensor> = {};
        for (const k of names) clipped[k] = tf.mul(grads[k], scale);
        optimizer.applyGradients(clipped as unknown as Parameters<typeof optimizer.applyGradients>[0]);
        return value;
      });
      lin.dispose();
      lossSum += lossValue.dataSync()[0] * n;
      lossValue.dispose();
      for (const s of state) {
        s.h.dispose();
        s.c.dispose();
      }
      state = nextState;
      tokens += n;
    }
    for (const s of state) {
      s.h.dispose();
      s.c.dispose();
    }
    return { loss: lossSum, tokens };
  }
  return { trainBatch, optimizer };
}

/** Mean cross-entropy (nats per token) over sequences, forward only. */
export function evaluateLoss(w: LstmWeights, seqs: number[][], start: number, batch: number, contextSpec: ContextSpec | null = null): number {
  let sum = 0;
  let tokens = 0;
  const rng = createRng(1);
  for (const b of epochBatches(seqs, start, batch, rng, contextSpec)) {
    const value = tf.tidy(() => windowLoss(w, b, 0, b.steps, zeroState(w.config, b.batch)).loss);
    sum += value.dataSync()[0];
    value.dispose();
    tokens += maskCount(b, 0, b.steps);
  }
  return sum / tokens;
}

/** Cross-entropy of `evalSeqs` under the token frequencies of `trainSeqs` (add-one smoothing). */
export function unigramLoss(trainSeqs: number[][], evalSeqs: number[][], vocab: number): number {
  const counts = new Float64Array(vocab).fill(1);
  let total = vocab;
  for (const s of trainSeqs) {
    for (const t of s) counts[t]++;
    total += s.length;
  }
  let sum = 0;
  let n = 0;
  for (const s of evalSeqs) {
    for (const t of s) sum -= Math.log(counts[t] / total);
    n += s.length;
  }
  return sum / n;
}
