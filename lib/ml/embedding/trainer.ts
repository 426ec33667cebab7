// One training loop for embeddings learnt from (row, context) pairs with
// negative sampling: the published movie model (cosine loss, lazy Adam, random
// non-pairs; Osinga 2017) and word2vec's skip-gram (log loss, SGD, sampled
// contexts per pair) differ only in TrainOptions and their PairSource.
// Deterministic for a seed on one thread; hogwild.ts runs it on several.

import { createRng, shuffleInPlace } from "@/lib/ml/rng";

import { LazyAdam } from "./adam";
import { LOSSES, type PairLoss } from "./loss";
import { createTrainState, type EmbeddingModel, type TrainState } from "./model";
import { ContextSampler } from "./negatives";
import type { TableOptimizer } from "./optimizer";
import type { EpochStats, TrainOptions } from "./options";
import { countContexts, isPairList, PairIndex, type PairList, type PairSource } from "./pairs";
import { SparseSgd } from "./sgd";

export interface EpochSums {
  lossSum: number;
  positiveLossSum: number;
  samples: number;
  positives: number;
  batches: number;
}

/**
 * The training loop over one share of the real pairs: batches of real pairs plus
 * negatives, gradients accumulated per row, then one optimizer step.
 * One instance per thread; `state` may be shared (Hogwild).
 */
export class EpochRunner {
  readonly dims: number;
  private readonly negativeRatio: number;
  private readonly batchSize: number;
  private readonly lr: number;
  /** SGD steps on the summed gradient (learning rate per sample), Adam on the mean. */
  private readonly sumGradients: boolean;
  private readonly rng: ReturnType<typeof createRng>;
  private readonly contextOpt: TableOptimizer;
  private readonly rowOpt: TableOptimizer;
  private readonly loss: PairLoss;
  private readonly sampler: ContextSampler;
  /** The real pairs, which random non-pairs must avoid; null: negatives keep the real pair's row. */
  private readonly known: PairIndex | null;
  private readonly positiveWeights: Float32Array | null;
  /** Optimizer steps taken by this runner. */
  step = 0;
  /** Multiplies the learning rate (decay, set by the trainer). */
  lrFactor = 1;

  constructor(
    source: PairSource,
    private readonly rowCount: number,
    contextCount: number,
    state: TrainState,
    options: TrainOptions,
    seed: number,
    /** Steps of the other threads per own step, for Adam's bias correction (Hogwild). */
    private readonly stepScale = 1,
  ) {
    this.dims = options.dims ?? 50;
    this.negativeRatio = options.negativeRatio ?? 10;
    this.batchSize = options.batchSize ?? 512;
    this.lr = options.learningRate ?? 0.002;
    this.rng = createRng(seed);
    this.loss = LOSSES[options.loss ?? "cosine"];
    if (options.optimizer === "sgd") {
      this.sumGradients = true;
      this.contextOpt = new SparseSgd(state.contextW, this.dims);
      this.rowOpt = new SparseSgd(state.rowW, this.dims);
    } else {
      this.sumGradients = false;
      const adam = { beta1: options.beta1 ?? 0.9, beta2: options.beta2 ?? 0.999, epsilon: options.epsilon ?? 1e-7, sparse: options.sparse ?? true };
      this.contextOpt = new LazyAdam(state.contextW, this.dims, state.contextM, state.contextV, adam);
      this.rowOpt = new LazyAdam(state.rowW, this.dims, state.rowM, state.rowV, adam);
    }
    if ((options.negatives ?? "random-non-pairs") === "random-non-pairs") {
      if (!isPairList(source)) throw new Error('negatives "random-non-pairs" need a fixed PairList');
      this.known = new PairIndex(source, contextCount);
    } else this.known = null;
    const counts = isPairList(source) ? countContexts(source, contextCount) : source.contextCounts;
    this.sampler = new ContextSampler(this.rng, contextCount, counts, options.negativePower ?? 0);
    this.positiveWeights = options.positiveWeights ?? null;
  }

  /** Shuffles `order` (indices into `pairs`) and trains on it; stops after `maxBatches`. */
  epoch(pairs: PairList, order: Int32Array, maxBatches = Infinity, onBatch?: () => void): EpochSums {
    const { rng, dims, contextOpt, rowOpt, loss, sampler, known, negativeRatio, batchSize, rowCount, positiveWeights } = this;
    const count = order.length;
    shuffleInPlace(order, rng);
    const contextW = contextOpt.w;
    const rowW = rowOpt.w;
    const negativeTarget = loss.negativeTarget;
    const sums: EpochSums = { lossSum: 0, positiveLossSum: 0, samples: 0, positives: 0, batches: 0 };
    for (let start = 0; start < count && sums.batches < maxBatches; start += batchSize) {
      const end = Math.min(count, start + batchSize);
      const n = end - start;
      const scale = this.sumGradients ? 1 : 1 / (n * (1 + negativeRatio));
      const step = this.step;
      // CBOW plugs in here: a real pair's row side becomes the mean of its window's rows, the gradient shared among them.
      for (let i = start; i < end; i++) {
        const p = order[i];
        const r = pairs.rows[p];
        const c = pairs.contexts[p];
        contextOpt.touch(c, step);
        rowOpt.touch(r, step);
        const w = positiveWeights ? positiveWeights[c] : 1;
        const e = loss.accumulate(contextW, c * dims, rowW, r * dims, dims, 1, contextOpt.grad, rowOpt.grad, scale * w);
        sums.lossSum += e;
        sums.positiveLossSum += e;
      }
      let samples = n;
      if (known) {
        for (let k = n * negativeRatio; k > 0; k--) {
          let r: number;
          let c: number;
          do {
            r = rng.int(rowCount);
            c = sampler.next();
          } while (known.has(r, c));
          contextOpt.touch(c, step);
          rowOpt.touch(r, step);
          sums.lossSum += loss.accumulate(contextW, c * dims, rowW, r * dims, dims, negativeTarget, contextOpt.grad, rowOpt.grad, scale);
          samples++;
        }
      } else {
        for (let i = start; i < end; i++) {
          const r = pairs.rows[order[i]];
          const real = pairs.contexts[order[i]];
          for (let k = 0; k < negativeRatio; k++) {
            const c = sampler.next();
            if (c === real) continue;
            contextOpt.touch(c, step);
            sums.lossSum += loss.accumulate(contextW, c * dims, rowW, r * dims, dims, negativeTarget, contextOpt.grad, rowOpt.grad, scale);
            samples++;
          }
        }
      }
      sums.samples += samples;
      sums.positives += n;
      sums.batches++;
      this.step++;
      const t = this.step * this.stepScale;
      const lr = this.lr * this.lrFactor;
      contextOpt.apply(lr, t);
      rowOpt.apply(lr, t);
      onBatch?.();
    }
    return sums;
  }
}

export interface TrainResult {
  model: EmbeddingModel;
  history: EpochStats[];
  seconds: number;
}

/** Trains row and context embeddings on the real pairs of `source` (one thread); deterministic for a seed. */
export function trainEmbedding(source: PairSource, rowCount: number, contextCount: number, options: TrainOptions = {}): TrainResult {
  const dims = options.dims ?? 50;
  const epochs = options.epochs ?? 15;
  const batchSize = options.batchSize ?? 512;
  const seed = options.seed ?? 42;
  const count = isPairList(source) ? source.rows.length : source.expectedPairs;
  if (count === 0) throw new Error("no training pairs");
  const state = createTrainState(rowCount, contextCount, dims, options.initScale ?? 0.05, seed, { moments: options.optimizer !== "sgd" });
  const runner = new EpochRunner(source, rowCount, contextCount, state, options, seed + 1);
  // A fixed list keeps one order, reshuffled in place each epoch.
  const listOrder = isPairList(source) ? identity(count) : null;
  const totalBatches = Math.min(options.maxBatches ?? Infinity, Math.ceil(count / batchSize) * epochs);
  const history: EpochStats[] = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs && runner.step < totalBatches; epoch++) {
    const epochStart = performance.now();
    const finalLr = options.finalLearningRate ?? 1;
    const pairs = isPairList(source) ? source : source.epochPairs(epoch);
    const sums = runner.epoch(pairs, listOrder ?? identity(pairs.rows.length), totalBatches - runner.step, () => {
      runner.lrFactor = 1 - (1 - finalLr) * (runner.step / totalBatches);
      options.onBatch?.(runner.step, totalBatches);
    });
    const seconds = (performance.now() - epochStart) / 1000;
    const stats = epochStats(epoch, sums, seconds);
    history.push(stats);
    options.onEpoch?.(stats);
  }
  return {
    model: { dims, rowCount, contextCount, rowVectors: state.rowW, contextVectors: state.contextW },
    history,
    seconds: (performance.now() - started) / 1000,
  };
}

export function epochStats(epoch: number, sums: EpochSums, seconds: number): EpochStats {
  return {
    epoch,
    loss: sums.lossSum / sums.samples,
    positiveLoss: sums.positiveLossSum / sums.positives,
    samples: sums.samples,
    seconds,
    pairsPerSecond: sums.positives / seconds,
  };
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
