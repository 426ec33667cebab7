// word2vec (Mikolov et al. 2013) as the C reference and gensim train it: one SGD step per
// (centre, context) pair straight on the weights, no pair lists, no batches. Skip-gram or
// CBOW with negative sampling, a random window (1..window), subsampling of frequent items,
// a learning rate that falls linearly over the whole run, and a seed. The same loop runs on
// one thread (deterministic for a seed) or in Hogwild worker threads (lib/ml/node/word2vec.ts)
// on SharedArrayBuffers, each thread taking a share of the sentences.
//
// It shares the embedding tables with the batched pair trainer (trainer.ts): rows = the
// input vectors word2vec ships ("syn0"), contexts = the output vectors ("syn1neg"); and the
// subsampling rule with skip-gram.ts. The batched trainer on skipGramPairs also learns
// skip-gram, but materialising ~10^7 pairs per epoch and summing gradients per batch is
// several times slower here (bench/radio.ts measures both).

import { createRng } from "@/lib/ml/rng";

import type { EmbeddingModel } from "./model";
import { subsampleKeepProbabilities } from "./skip-gram";

export interface Word2VecOptions {
  /** "skip-gram" (default): each context item predicts the centre; "cbow": the mean of the window's items predicts it. */
  mode?: "skip-gram" | "cbow";
  dims?: number;
  /** Largest distance of a context from its centre (each centre draws 1..window). Default 5. */
  window?: number;
  /** Negative samples per real pair (default 5), drawn ~ count^negativePower (0.75). */
  negative?: number;
  negativePower?: number;
  /** Subsampling threshold t (default 1e-3): an item of corpus frequency f is kept with probability (sqrt(f/t) + 1) t/f. 0 = keep all. */
  subsample?: number;
  epochs?: number;
  /** Starting learning rate (default 0.025 for skip-gram, 0.05 for CBOW, as the C reference). */
  learningRate?: number;
  /** The learning rate falls linearly to this over the run (default 1e-4, gensim's min_alpha). */
  minLearningRate?: number;
  seed?: number;
  /** Every k-th centre item adds its loss to the reported mean (default 4; the log costs time). */
  lossEvery?: number;
  /** Input vectors start uniform in [-initRange/dims, initRange/dims): 0.5 in word2vec.c, 1 in gensim 4 (default). */
  initRange?: number;
}

export interface Word2VecSettings {
  mode: "skip-gram" | "cbow";
  dims: number;
  window: number;
  negative: number;
  negativePower: number;
  subsample: number;
  epochs: number;
  learningRate: number;
  minLearningRate: number;
  seed: number;
  lossEvery: number;
  initRange: number;
}

export function word2vecSettings(options: Word2VecOptions = {}): Word2VecSettings {
  const mode = options.mode ?? "skip-gram";
  return {
    mode,
    dims: options.dims ?? 30,
    window: options.window ?? 5,
    negative: options.negative ?? 5,
    negativePower: options.negativePower ?? 0.75,
    subsample: options.subsample ?? 1e-3,
    epochs: options.epochs ?? 5,
    learningRate: options.learningRate ?? (mode === "cbow" ? 0.05 : 0.025),
    minLearningRate: options.minLearningRate ?? 1e-4,
    seed: options.seed ?? 1,
    lossEvery: Math.max(1, options.lossEvery ?? 4),
    initRange: options.initRange ?? 1,
  };
}

/** Sentences flattened: tokens of sentence i are tokens[offsets[i] .. offsets[i + 1]). */
export interface Corpus {
  tokens: Int32Array;
  offsets: Int32Array;
  vocabSize: number;
}

export function flattenCorpus(sentences: readonly ArrayLike<number>[], vocabSize: number, shared = false): Corpus {
  const total = sentences.reduce((s, x) => s + x.length, 0);
  const int32 = (n: number) => (shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n));
  const tokens = int32(total);
  const offsets = int32(sentences.length + 1);
  let o = 0;
  sentences.forEach((s, i) => {
    offsets[i] = o;
    for (let j = 0; j < s.length; j++) {
      const t = s[j];
      if (!(t >= 0 && t < vocabSize)) throw new Error(`token ${t} outside the vocabulary (0..${vocabSize - 1})`);
      tokens[o++] = t;
    }
  });
  offsets[sentences.length] = o;
  return { tokens, offsets, vocabSize };
}

export function itemCounts(corpus: Corpus): Float64Array {
  const counts = new Float64Array(corpus.vocabSize);
  for (let i = 0; i < corpus.tokens.length; i++) counts[corpus.tokens[i]]++;
  return counts;
}

export const NEGATIVE_TABLE_SIZE = 1 << 20;

/** word2vec's unigram table: item i fills a share ~ count_i^power of the slots. */
export function negativeTable(counts: Float64Array, power: number, size = NEGATIVE_TABLE_SIZE, shared = false): Int32Array {
  const table = shared ? new Int32Array(new SharedArrayBuffer(size * 4)) : new Int32Array(size);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.pow(counts[i], power);
  if (!(total > 0)) throw new Error("negativeTable needs a positive count");
  let i = 0;
  let cumulative = Math.pow(counts[0], power) / total;
  for (let a = 0; a < size; a++) {
    table[a] = i;
    if (a / size > cumulative && i < counts.length - 1) {
      i++;
      cumulative += Math.pow(counts[i], power) / total;
    }
  }
  return table;
}

// sigmoid from a table over [-MAX_EXP, MAX_EXP], as the C reference and gensim do.
const MAX_EXP = 6;
const EXP_TABLE_SIZE = 1000;
const SIGMOID = Float32Array.from({ length: EXP_TABLE_SIZE }, (_, i) => {
  const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
  return e / (e + 1);
});
const SIGMOID_SCALE = EXP_TABLE_SIZE / MAX_EXP / 2;

/** Shared between threads: the weights, the negative table and the progress counter. */
export interface Word2VecState {
  /** Input vectors (vocabSize x dims): the embedding. */
  rowW: Float32Array;
  /** Output vectors (vocabSize x dims), zero at the start as in word2vec. */
  contextW: Float32Array;
  table: Int32Array;
  keep: Float32Array;
  /** [0] = centre items processed so far over all threads (drives the learning rate). */
  progress: Int32Array;
}

export function createWord2VecState(corpus: Corpus, settings: Word2VecSettings, shared = false): Word2VecState {
  const { vocabSize } = corpus;
  const f32 = (n: number) => (shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n));
  const rowW = f32(vocabSize * settings.dims);
  const rng = createRng(settings.seed);
  // Input vectors uniform in [-initRange/dims, initRange/dims), output vectors zero.
  for (let i = 0; i < rowW.length; i++) rowW[i] = ((rng.next() * 2 - 1) * settings.initRange) / settings.dims;
  const counts = itemCounts(corpus);
  const keep = Float32Array.from(subsampleKeepProbabilities(counts, corpus.tokens.length, settings.subsample));
  return {
    rowW,
    contextW: f32(vocabSize * settings.dims),
    table: negativeTable(counts, settings.negativePower, NEGATIVE_TABLE_SIZE, shared),
    keep,
    progress: new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8)),
  };
}

export interface SentenceSums {
  lossSum: number;
  lossSamples: number;
  pairs: number;
  centres: number;
}

/**
 * One thread's loop: sentences [from, to) of one epoch. The learning rate follows the
 * global progress (centre items over all threads and epochs, kept or subsampled) as in the
 * C reference. `seed` feeds this thread's own generator (a 32-bit LCG, as word2vec's).
 */
export class Word2VecRunner {
  private random: number;
  /** The learning rate of the last sentence trained. */
  learningRate = 0;
  /** [sum, samples] of the tracked losses. */
  private readonly loss = new Float64Array(2);
  private readonly neu1: Float32Array;
  private readonly neu1e: Float32Array;
  private readonly kept: Int32Array;
  private readonly totalCentres: number;

  constructor(
    private readonly corpus: Corpus,
    private readonly state: Word2VecState,
    private readonly s: Word2VecSettings,
    seed: number,
  ) {
    this.random = (seed * 2654435761) >>> 0 || 1;
    this.neu1 = new Float32Array(s.dims);
    this.neu1e = new Float32Array(s.dims);
    let longest = 0;
    for (let i = 0; i + 1 < corpus.offsets.length; i++) longest = Math.max(longest, corpus.offsets[i + 1] - corpus.offsets[i]);
    this.kept = new Int32Array(longest);
    this.totalCentres = corpus.tokens.length * s.epochs;
  }

  /** Trains on sentences [from, to); `onSentence` after each (progress). */
  run(from: number, to: number, onSentence?: (done: number) => void): SentenceSums {
    const { corpus, state, s, neu1, neu1e, kept } = this;
    const { tokens, offsets } = corpus;
    const { rowW, contextW, table, keep, progress } = state;
    const dims = s.dims;
    const window = s.window;
    const negative = s.negative;
    const cbow = s.mode === "cbow";
    const lossEvery = s.lossEvery;
    const startLr = s.learningRate;
    const minLr = s.minLearningRate;
    const totalCentres = this.totalCentres;
    let random = this.random;
    const sums: SentenceSums = { lossSum: 0, lossSamples: 0, pairs: 0, centres: 0 };
    let pairs = 0;
    let lossCounter = 0;
    for (let sentence = from; sentence < to; sentence++) {
      const start = offsets[sentence];
      const end = offsets[sentence + 1];
      // Learning rate from the global progress, once per sentence.
      const done = Atomics.add(progress, 0, end - start) + (end - start);
      const lr = Math.max(minLr, startLr - (startLr - minLr) * (done / totalCentres));
      this.learningRate = lr;
      let n = 0;
      for (let i = start; i < end; i++) {
        const item = tokens[i];
        const k = keep[item];
        if (k < 1) {
          random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
          if (k < random / 4294967296) continue;
        }
        kept[n++] = item;
      }
      for (let i = 0; i < n; i++) {
        const centre = kept[i];
        random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
        const reach = window - ((random >>> 16) % window);
        const lo = i - reach < 0 ? 0 : i - reach;
        const hi = i + reach >= n ? n - 1 : i + reach;
        const track = ++lossCounter === lossEvery;
        if (track) lossCounter = 0;
        if (cbow) {
          let count = 0;
          neu1.fill(0);
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue;
            const o = kept[j] * dims;
            for (let d = 0; d < dims; d++) neu1[d] += rowW[o + d];
            count++;
          }
          if (count === 0) continue;
          const inv = 1 / count;
          for (let d = 0; d < dims; d++) neu1[d] *= inv;
          for (let d = 0; d < dims; d++) neu1e[d] = 0;
          random = predictCentre(neu1, 0, contextW, centre, dims, negative, table, random, lr, neu1e, track ? this.loss : null);
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue;
            const o = kept[j] * dims;
            for (let d = 0; d < dims; d++) rowW[o + d] += neu1e[d];
          }
          pairs += count;
        } else {
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue;
            // The context item's input vector predicts the centre (as word2vec.c and gensim).
            const o1 = kept[j] * dims;
            for (let d = 0; d < dims; d++) neu1e[d] = 0;
            random = predictCentre(rowW, o1, contextW, centre, dims, negative, table, random, lr, neu1e, track ? this.loss : null);
            for (let d = 0; d < dims; d++) rowW[o1 + d] += neu1e[d];
            pairs++;
          }
        }
      }
      sums.centres += end - start;
      onSentence?.(sentence - from + 1);
    }
    this.random = random;
    sums.lossSum = this.loss[0];
    sums.lossSamples = this.loss[1];
    this.loss.fill(0);
    sums.pairs = pairs;
    return sums;
  }
}

/**
 * One prediction with negative sampling: the input vector (input[o1 .. o1 + dims), a song's
 * row in skip-gram, the window's mean in CBOW) predicts `centre` against `negative` items
 * drawn from the table. Updates the output vectors, adds the input's gradient step to
 * `neu1e` (the caller applies it) and returns the generator's new state.
 */
function predictCentre(
  input: Float32Array,
  o1: number,
  contextW: Float32Array,
  centre: number,
  dims: number,
  negative: number,
  table: Int32Array,
  random: number,
  lr: number,
  neu1e: Float32Array,
  loss: Float64Array | null,
): number {
  const tableSize = table.length;
  for (let t = 0; t <= negative; t++) {
    let target: number;
    let label: number;
    if (t === 0) {
      target = centre;
      label = 1;
    } else {
      random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
      // The generator's high bits pick the slot (an LCG's low bits repeat with short periods).
      target = table[((random / 4294967296) * tableSize) | 0];
      if (target === centre) continue;
      label = 0;
    }
    const o2 = target * dims;
    // The dot product unrolled by four (V8 does not unroll; these loops are the run time).
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    let d = 0;
    for (; d + 3 < dims; d += 4) {
      f0 += input[o1 + d] * contextW[o2 + d];
      f1 += input[o1 + d + 1] * contextW[o2 + d + 1];
      f2 += input[o1 + d + 2] * contextW[o2 + d + 2];
      f3 += input[o1 + d + 3] * contextW[o2 + d + 3];
    }
    for (; d < dims; d++) f0 += input[o1 + d] * contextW[o2 + d];
    const f = f0 + f1 + f2 + f3;
    let p: number;
    if (f > MAX_EXP) p = 1;
    else if (f < -MAX_EXP) p = 0;
    else p = SIGMOID[((f + MAX_EXP) * SIGMOID_SCALE) | 0];
    if (loss !== null) {
      loss[0] += label === 1 ? -Math.log(p > 1e-7 ? p : 1e-7) : -Math.log(1 - p > 1e-7 ? 1 - p : 1e-7);
      loss[1]++;
    }
    const g = (label - p) * lr;
    for (d = 0; d < dims; d++) {
      const c = contextW[o2 + d];
      neu1e[d] += g * c;
      contextW[o2 + d] = c + g * input[o1 + d];
    }
  }
  return random;
}

/** Sentence ranges [from, to) of about equal token counts, one per thread. */
export function splitSentences(corpus: Corpus, parts: number): [number, number][] {
  const sentences = corpus.offsets.length - 1;
  const total = corpus.tokens.length;
  const ranges: [number, number][] = [];
  let from = 0;
  for (let p = 1; p <= parts; p++) {
    let to = from;
    const target = (total * p) / parts;
    while (to < sentences && (p === parts || corpus.offsets[to + 1] <= target)) to++;
    if (p < parts && to === from && to < sentences) to++;
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

export interface Word2VecEpoch {
  epoch: number;
  /** Mean log loss of the sampled (real and negative) predictions. */
  loss: number;
  pairs: number;
  seconds: number;
  itemsPerSecond: number;
}

export interface Word2VecResult {
  model: EmbeddingModel;
  history: Word2VecEpoch[];
  seconds: number;
  settings: Word2VecSettings;
}

export interface Word2VecCallbacks {
  onEpoch?: (e: Word2VecEpoch) => void;
  /** Centre items processed so far, of `total` (all epochs). */
  onProgress?: (done: number, total: number, loss: number) => void;
}

export function epochOf(epoch: number, parts: readonly SentenceSums[], seconds: number): Word2VecEpoch {
  const lossSum = parts.reduce((s, p) => s + p.lossSum, 0);
  const lossSamples = parts.reduce((s, p) => s + p.lossSamples, 0);
  const centres = parts.reduce((s, p) => s + p.centres, 0);
  return { epoch, loss: lossSamples > 0 ? lossSum / lossSamples : NaN, pairs: parts.reduce((s, p) => s + p.pairs, 0), seconds, itemsPerSecond: centres / seconds };
}

/**
 * The vectors to ship: "in" = the input vectors (word2vec's and gensim's usual choice);
 * "in+out" = input + output vectors, which also carries what a song predicts around it.
 */
export function songVectors(model: EmbeddingModel, kind: "in" | "in+out"): Float32Array {
  if (kind === "in") return model.rowVectors;
  const out = model.rowVectors.slice();
  for (let i = 0; i < out.length; i++) out[i] += model.contextVectors[i];
  return out;
}

/** word2vec on one thread; deterministic for a seed. Sentences hold item ids 0..vocabSize-1. */
export function trainWord2Vec(sentences: readonly ArrayLike<number>[], vocabSize: number, options: Word2VecOptions = {}, callbacks: Word2VecCallbacks = {}): Word2VecResult {
  const s = word2vecSettings(options);
  const corpus = flattenCorpus(sentences, vocabSize);
  const state = createWord2VecState(corpus, s);
  const runner = new Word2VecRunner(corpus, state, s, s.seed + 1);
  const sentenceCount = corpus.offsets.length - 1;
  const total = corpus.tokens.length * s.epochs;
  const history: Word2VecEpoch[] = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    const t0 = performance.now();
    let last = 0;
    const sums = runner.run(0, sentenceCount, (done) => {
      if (callbacks.onProgress && (done - last >= 200 || done === sentenceCount)) {
        last = done;
        callbacks.onProgress(state.progress[0], total, NaN);
      }
    });
    const e = epochOf(epoch, [sums], (performance.now() - t0) / 1000);
    history.push(e);
    callbacks.onEpoch?.(e);
  }
  return {
    model: { dims: s.dims, rowCount: vocabSize, contextCount: vocabSize, rowVectors: state.rowW, contextVectors: state.contextW },
    history,
    seconds: (performance.now() - started) / 1000,
    settings: s,
  };
}
