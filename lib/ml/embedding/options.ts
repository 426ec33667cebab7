// What a training run takes and reports. The defaults are the published movie
// model (cosine loss, Adam, random non-pairs); WORD2VEC_OPTIONS switches to
// skip-gram with negative sampling.

import type { LossName } from "./loss";

export interface TrainOptions {
  dims?: number;
  epochs?: number;
  /** Negative samples per real pair (10 in the movie model, 5 in word2vec). */
  negativeRatio?: number;
  /**
   * "random-non-pairs" (default): random (row, context) pairs that are not real pairs, as
   * the movie model contrasts; needs a fixed PairList. "same-row": the real pair's row with
   * sampled contexts, as word2vec does (a draw equal to the real context is skipped).
   */
  negatives?: "random-non-pairs" | "same-row";
  /**
   * Contexts of the negatives: 0 = uniformly (the published movie model), p > 0 = with
   * probability ~ (count)^p, as word2vec's negative sampling does with p = 0.75.
   */
  negativePower?: number;
  loss?: LossName;
  /**
   * "adam" (default): lazy Adam on the batch's mean gradient. "sgd": plain SGD on the summed
   * gradient, so the learning rate is per sample as in word2vec (keep batches small).
   */
  optimizer?: "adam" | "sgd";
  /** Real pairs per batch (512 in the movie model). */
  batchSize?: number;
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Per context: weight of its real pairs in the loss (default 1 each). */
  positiveWeights?: Float32Array;
  /** Learning rate falls linearly to learningRate * finalLearningRate over the run (default 1 = constant). */
  finalLearningRate?: number;
  /** Initial weights are uniform in [-initScale, initScale] (Keras' Embedding default 0.05). */
  initScale?: number;
  seed?: number;
  /** false: Adam updates every row's moments each step, as a dense optimizer (Keras) does; the benchmark's baseline. */
  sparse?: boolean;
  /** Stop after this many batches in total (benchmarks); default: all. */
  maxBatches?: number;
  onEpoch?: (stats: EpochStats) => void;
  onBatch?: (done: number, total: number) => void;
}

/** Skip-gram with negative sampling (Mikolov et al. 2013), for a PairGenerator such as skipGramPairs. */
export const WORD2VEC_OPTIONS = {
  loss: "logistic",
  optimizer: "sgd",
  negatives: "same-row",
  negativeRatio: 5,
  negativePower: 0.75,
  learningRate: 0.025,
  finalLearningRate: 1e-4,
  batchSize: 16,
} as const satisfies TrainOptions;

export interface EpochStats {
  epoch: number;
  /** Mean loss over the epoch's samples (real pairs and negatives). */
  loss: number;
  /** Mean loss over the real pairs only. */
  positiveLoss: number;
  samples: number;
  seconds: number;
  /** Real pairs per second (each brings its negatives along). */
  pairsPerSecond: number;
}
