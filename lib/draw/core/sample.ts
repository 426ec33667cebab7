/**
 * Drawing with the LSTM: a batch of sequences stepped together, each token drawn from
 * softmax(logits / temperature), its far tail cut (min-p), with the seeded RNG of lib/ml (same seed, same samples on
 * the same backend). A sample that takes a step no valid drawing could take, runs past its
 * length cap, or ends blank is rejected and counted; rounds continue until `count` are drawn.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../../ml/rng";
import { inkCount, type Bitmap } from "./bitmap";
import { contextFor } from "./context";
import type { Encoding } from "./encoding";
import { lstmStep, zeroState, type LstmWeights } from "./lstm";

export interface SampleOptions {
  count: number;
  temperature: number;
  seed: number;
  /** Length cap per sample (defaults: the encoding's max, at most 600 tokens). */
  maxTokens?: number;
  /**
   * Min-p truncation: tokens less likely than this fraction of the step's likeliest token are
   * never drawn (default MIN_P). 0 samples the full distribution.
   */
  minP?: number;
  /** Give up after this many rejected samples (default 4 x count + 16). */
  maxRejected?: number;
  signal?: AbortSignal;
  /** Called after each round with the drawings so far. */
  onProgress?: (done: number, total: number, rejected: number) => void;
}

export interface SampleResult {
  bitmaps: Bitmap[];
  rejected: number;
}

/**
 * Without truncation a sample of ~250 tokens almost surely draws some token of the far tail
 * (each step puts ~0.5% on pixels out of order); rejection then keeps mainly the short
 * samples, and the drawings come out thin and small. Cutting the tail (as min-p sampling
 * does for text) keeps the model's real alternatives; a sample the model itself steers into
 * an invalid step is still rejected and counted.
 */
export const MIN_P = 0.01;

/** Zeroes, per row of `n` probabilities, those below `minP` x the row's largest. */
export function truncateTail(probs: Float32Array, rows: number, n: number, minP: number) {
  if (minP <= 0) return;
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, probs[r * n + i]);
    const cut = max * minP;
    for (let i = 0; i < n; i++) if (probs[r * n + i] < cut) probs[r * n + i] = 0;
  }
}

/** Index drawn from unnormalised probabilities. */
function pick(probs: Float32Array | number[], offset: number, n: number, u: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += probs[offset + i];
  let r = u * total;
  for (let i = 0; i < n; i++) {
    r -= probs[offset + i];
    if (r <= 0) return i;
  }
  return n - 1;
}

function disposeState(state: { h: tf.Tensor; c: tf.Tensor }[]) {
  for (const s of state) {
    s.h.dispose();
    s.c.dispose();
  }
}

export async function sampleDrawings(w: LstmWeights, enc: Encoding, opts: SampleOptions): Promise<SampleResult> {
  const rng = createRng(opts.seed);
  const maxTokens = opts.maxTokens ?? Math.min(enc.maxLength, 600);
  const maxRejected = opts.maxRejected ?? 4 * opts.count + 16;
  const bitmaps: Bitmap[] = [];
  let rejected = 0;
  const vocab = enc.outputVocab;
  const contextSpec = contextFor(enc.name, w.config.contextSize);
  while (bitmaps.length < opts.count && rejected <= maxRejected) {
    const n = opts.count - bitmaps.length;
    const seqs: number[][] = Array.from({ length: n }, () => []);
    const alive = new Array<boolean>(n).fill(true);
    let state = zeroState(w.config, n);
    let input = new Int32Array(n).fill(enc.start);
    const trackers = contextSpec ? Array.from({ length: n }, () => contextSpec.create()) : null;
    for (let step = 0; step < maxTokens && alive.some(Boolean); step++) {
      if (opts.signal?.aborted) {
        disposeState(state);
        throw new DOMException("The sampling was cancelled.", "AbortError");
      }
      const tokens = tf.tensor1d(input, "int32");
      let context: tf.Tensor2D | undefined;
      if (contextSpec && trackers) {
        const values = new Float32Array(n * contextSpec.size);
        trackers.forEach((tr, i) => tr.write(values, i * contextSpec.size));
        context = tf.tensor2d(values, [n, contextSpec.size]);
      }
      // tidy: the step's intermediate tensors (gates, one-hots) would otherwise pile up
      // in the backend's memory at every step of every sample
      const out = tf.tidy(() => lstmStep(w, tokens, state, undefined, context));
      context?.dispose();
      const probTensor = tf.tidy(() => tf.softmax(tf.div(out.logits, opts.temperature)));
      const probs = Float32Array.from(probTensor.dataSync() as Float32Array);
      probTensor.dispose();
      truncateTail(probs, n, vocab, opts.minP ?? MIN_P);
      tokens.dispose();
      out.logits.dispose();
      disposeState(state);
      state = out.state;
      input = new Int32Array(n).fill(enc.end);
      for (let i = 0; i < n; i++) {
        if (!alive[i]) continue;
        const t = pick(probs, i * vocab, vocab, rng.next());
        if (!enc.accepts(seqs[i], t)) {
          alive[i] = false;
          seqs[i] = [];
          continue;
        }
        seqs[i].push(t);
        trackers?.[i].push(t);
        input[i] = t;
        if (t === enc.end) alive[i] = false;
      }
      // yield now and then so a worker can see a cancel message
      if (step % 16 === 15) await new Promise((r) => setTimeout(r, 0));
    }
    disposeState(state);
    for (const seq of seqs) {
      const b = seq.length ? enc.decode(seq) : null;
      if (b && inkCount(b) > 0 && bitmaps.length < opts.count) bitmaps.push(b);
      else rejected++;
    }
    opts.onProgress?.(bitmaps.length, opts.count, rejected);
  }
  return { bitmaps, rejected };
}
