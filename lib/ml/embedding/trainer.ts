// The published model (Osinga 2017): a link embedding and a movie embedding,
// score = cosine of the two, trained with squared error towards +1 for real
// (link, movie) pairs and -1 for random pairs that are not links (10 per
// positive), with Adam. Written for speed on a CPU: plain Float32Arrays,
// hand-derived gradients of the cosine, and lazy ("sparse") Adam that only
// touches the rows a batch used.
//
// Gradient of c = u.v / (|u| |v|):
//   dc/du = v / (|u||v|) - c u / |u|^2 = (v^ - c u^) / |u|
//   dc/dv = (u^ - c v^) / |v|
// and for the loss (c - y)^2: dL/dc = 2 (c - y).

import { createRng } from "@/lib/ml/rng";

export interface PairList {
  films: Int32Array;
  links: Int32Array;
}

export interface TrainOptions {
  dims?: number;
  epochs?: number;
  /** Random non-pairs per real pair (10 in the original). */
  negativeRatio?: number;
  /** Real pairs per batch (512 in the original); each batch also has batchSize * negativeRatio negatives. */
  batchSize?: number;
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /**
   * How the random non-pairs pick their link: 0 = uniformly over links (the original),
   * p > 0 = with probability proportional to (films with the link)^p, as word2vec's
   * negative sampling does with p = 0.75 (popular links get contrasted more often).
   */
  negativePower?: number;
  /** Per link: weight of its real pairs in the loss (default 1 each), e.g. from the link's kind. */
  positiveWeights?: Float32Array;
  /** Learning rate falls linearly to learningRate * finalLearningRate over the run (default 1 = constant). */
  finalLearningRate?: number;
  /** Initial weights are uniform in [-initScale, initScale] (Keras' Embedding default 0.05). */
  initScale?: number;
  seed?: number;
  /** false: update every row's Adam moments each step, as a dense optimizer (Keras) does; the baseline for the benchmark. */
  sparse?: boolean;
  /** Stop after this many batches in total (benchmarks); default: all. */
  maxBatches?: number;
  onEpoch?: (stats: EpochStats) => void;
  onBatch?: (done: number, total: number) => void;
}

export interface EpochStats {
  epoch: number;
  /** Mean squared error over the epoch's samples (real and random pairs). */
  loss: number;
  /** Mean squared error over the real pairs only. */
  positiveLoss: number;
  samples: number;
  seconds: number;
  /** Real pairs per second (each brings negativeRatio random pairs along). */
  pairsPerSecond: number;
}

export interface EmbeddingModel {
  dims: number;
  filmCount: number;
  linkCount: number;
  /** filmCount x dims, row-major, not normalised. */
  filmVectors: Float32Array;
  /** linkCount x dims. */
  linkVectors: Float32Array;
}

/** Set of (film, link) pairs: open addressing over film * linkCount + link. */
export class PairIndex {
  private readonly table: Float64Array;
  private readonly mask: number;

  constructor(
    pairs: PairList,
    private readonly linkCount: number,
  ) {
    let size = 16;
    while (size < pairs.films.length * 2) size *= 2;
    this.table = new Float64Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < pairs.films.length; i++) this.add(pairs.films[i], pairs.links[i]);
  }

  private slot(key: number): number {
    // Multiplicative hash of a key < 2^53 (kept in 32 bits).
    let h = Math.imul((key % 4294967296) ^ Math.floor(key / 4294967296), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  private add(film: number, link: number): void {
    const key = film * this.linkCount + link;
    let s = this.slot(key);
    while (this.table[s] !== -1) {
      if (this.table[s] === key) return;
      s = (s + 1) & this.mask;
    }
    this.table[s] = key;
  }

  has(film: number, link: number): boolean {
    const key = film * this.linkCount + link;
    let s = this.slot(key);
    for (;;) {
      const v = this.table[s];
      if (v === key) return true;
      if (v === -1) return false;
      s = (s + 1) & this.mask;
    }
  }
}

/**
 * Squared error (c - y)^2 of one sample, where c = cosine(link row, film row);
 * adds scale * dLoss/d(row) to the gradient buffers. Returns (c - y)^2.
 */
export function accumulateSample(
  linkW: Float32Array,
  linkOffset: number,
  filmW: Float32Array,
  filmOffset: number,
  dims: number,
  target: number,
  linkGrad: Float32Array,
  filmGrad: Float32Array,
  scale: number,
): number {
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let d = 0; d < dims; d++) {
    const a = linkW[linkOffset + d];
    const b = filmW[filmOffset + d];
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
    const a = linkW[linkOffset + d];
    const b = filmW[filmOffset + d];
    linkGrad[linkOffset + d] += inv * b - cu * a;
    filmGrad[filmOffset + d] += inv * a - cv * b;
  }
  return err * err;
}

/** Cosine similarity of link row l and film row f. */
export function pairScore(model: EmbeddingModel, film: number, link: number): number {
  const { dims, filmVectors: v, linkVectors: u } = model;
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let d = 0; d < dims; d++) {
    const a = u[link * dims + d];
    const b = v[film * dims + d];
    uv += a * b;
    uu += a * a;
    vv += b * b;
  }
  return uv / (Math.sqrt(uu * vv) + 1e-12);
}


/** All (film, link) pairs of per-film link lists. */
export function pairsOf(filmLinks: readonly Int32Array[]): PairList {
  const total = filmLinks.reduce((s, a) => s + a.length, 0);
  const films = new Int32Array(total);
  const links = new Int32Array(total);
  let i = 0;
  filmLinks.forEach((ids, f) => {
    for (const l of ids) {
      films[i] = f;
      links[i] = l;
      i++;
    }
  });
  return { films, links };
}

class LazyAdam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  readonly grad: Float32Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(
    readonly w: Float32Array,
    private readonly dims: number,
    m?: Float32Array,
    v?: Float32Array,
  ) {
    this.m = m ?? new Float32Array(w.length);
    this.v = v ?? new Float32Array(w.length);
    this.grad = new Float32Array(w.length);
    const rows = w.length / dims;
    this.stamp = new Int32Array(rows).fill(-1);
    this.touched = new Int32Array(rows);
  }

  touch(row: number, step: number): void {
    if (this.stamp[row] !== step) {
      this.stamp[row] = step;
      this.touched[this.touchedCount++] = row;
    }
  }

  /** Adam update of the touched rows (sparse), or of all rows (dense). */
  apply(lrT: number, beta1: number, beta2: number, epsilon: number, sparse: boolean): void {
    const { m, v, grad, w, dims } = this;
    const b1 = 1 - beta1;
    const b2 = 1 - beta2;
    const update = (o: number) => {
      for (let d = o; d < o + dims; d++) {
        const g = grad[d];
        const md = beta1 * m[d] + b1 * g;
        const vd = beta2 * v[d] + b2 * g * g;
        m[d] = md;
        v[d] = vd;
        w[d] -= (lrT * md) / (Math.sqrt(vd) + epsilon);
        grad[d] = 0;
      }
    };
    if (sparse) {
      for (let i = 0; i < this.touchedCount; i++) update(this.touched[i] * dims);
    } else {
      for (let o = 0; o < w.length; o += dims) update(o);
    }
    this.touchedCount = 0;
  }
}

/** Weights and Adam moments; Hogwild workers share them through SharedArrayBuffers. */
export interface TrainState {
  filmW: Float32Array;
  linkW: Float32Array;
  filmM: Float32Array;
  filmV: Float32Array;
  linkM: Float32Array;
  linkV: Float32Array;
}

export function createTrainState(filmCount: number, linkCount: number, dims: number, initScale: number, seed: number, shared = false): TrainState {
  const make = (n: number) => (shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n));
  const state: TrainState = {
    filmW: make(filmCount * dims),
    linkW: make(linkCount * dims),
    filmM: make(filmCount * dims),
    filmV: make(filmCount * dims),
    linkM: make(linkCount * dims),
    linkV: make(linkCount * dims),
  };
  const rng = createRng(seed);
  for (let i = 0; i < state.linkW.length; i++) state.linkW[i] = (rng.next() * 2 - 1) * initScale;
  for (let i = 0; i < state.filmW.length; i++) state.filmW[i] = (rng.next() * 2 - 1) * initScale;
  return state;
}

export interface EpochSums {
  lossSum: number;
  positiveLossSum: number;
  samples: number;
  positives: number;
  batches: number;
}

/**
 * The training loop over one share of the real pairs: batches of real pairs
 * plus random non-pairs, gradients accumulated per row, then a lazy Adam step.
 * One instance per thread; `state` may be shared (Hogwild).
 */
export class EpochRunner {
  readonly dims: number;
  private readonly negativeRatio: number;
  private readonly batchSize: number;
  private readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly sparse: boolean;
  private readonly rng: ReturnType<typeof createRng>;
  private readonly linkOpt: LazyAdam;
  private readonly filmOpt: LazyAdam;
  private readonly index: PairIndex;
  /** Adam steps taken by this runner. */
  step = 0;

  constructor(
    private readonly positives: PairList,
    private readonly filmCount: number,
    private readonly linkCount: number,
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
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.sparse = options.sparse ?? true;
    this.rng = createRng(seed);
    this.linkOpt = new LazyAdam(state.linkW, this.dims, state.linkM, state.linkV);
    this.filmOpt = new LazyAdam(state.filmW, this.dims, state.filmM, state.filmV);
    this.index = new PairIndex(positives, linkCount);
    this.positiveWeights = options.positiveWeights ?? null;
    const power = options.negativePower ?? 0;
    if (power > 0) {
      const counts = new Float64Array(linkCount);
      for (let i = 0; i < positives.links.length; i++) counts[positives.links[i]]++;
      this.linkCdf = new Float64Array(linkCount);
      let total = 0;
      for (let l = 0; l < linkCount; l++) {
        total += Math.pow(Math.max(counts[l], 1), power);
        this.linkCdf[l] = total;
      }
      for (let l = 0; l < linkCount; l++) this.linkCdf[l] /= total;
    }
  }

  private readonly positiveWeights: Float32Array | null = null;
  /** Cumulative link distribution for negatives (null: uniform). */
  private readonly linkCdf: Float64Array | null = null;
  /** Multiplies the learning rate (lr decay, set by the trainer). */
  lrFactor = 1;

  private negativeLink(): number {
    const cdf = this.linkCdf;
    if (!cdf) return this.rng.int(this.linkCount);
    const r = this.rng.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Shuffles `order` (indices into the real pairs) and trains on it; stops after `maxBatches`. */
  epoch(order: Int32Array, maxBatches = Infinity, onBatch?: () => void): EpochSums {
    const { rng, dims, linkOpt, filmOpt, index, positives, negativeRatio, batchSize, filmCount } = this;
    const count = order.length;
    for (let i = count - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const linkW = linkOpt.w;
    const filmW = filmOpt.w;
    const sums: EpochSums = { lossSum: 0, positiveLossSum: 0, samples: 0, positives: 0, batches: 0 };
    for (let start = 0; start < count && sums.batches < maxBatches; start += batchSize) {
      const end = Math.min(count, start + batchSize);
      const n = end - start;
      const scale = 1 / (n * (1 + negativeRatio));
      const step = this.step;
      for (let i = start; i < end; i++) {
        const p = order[i];
        const f = positives.films[p];
        const l = positives.links[p];
        linkOpt.touch(l, step);
        filmOpt.touch(f, step);
        const w = this.positiveWeights ? this.positiveWeights[l] : 1;
        const e = accumulateSample(linkW, l * dims, filmW, f * dims, dims, 1, linkOpt.grad, filmOpt.grad, scale * w);
        sums.lossSum += e;
        sums.positiveLossSum += e;
      }
      for (let k = n * negativeRatio; k > 0; k--) {
        let f: number;
        let l: number;
        do {
          f = rng.int(filmCount);
          l = this.negativeLink();
        } while (index.has(f, l));
        linkOpt.touch(l, step);
        filmOpt.touch(f, step);
        sums.lossSum += accumulateSample(linkW, l * dims, filmW, f * dims, dims, -1, linkOpt.grad, filmOpt.grad, scale);
      }
      sums.samples += n * (1 + negativeRatio);
      sums.positives += n;
      sums.batches++;
      this.step++;
      const t = this.step * this.stepScale;
      const lrT = (this.lr * this.lrFactor * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
      linkOpt.apply(lrT, this.beta1, this.beta2, this.epsilon, this.sparse);
      filmOpt.apply(lrT, this.beta1, this.beta2, this.epsilon, this.sparse);
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

/** Trains the two embeddings on the real pairs `positives` (one thread); deterministic for a seed. */
export function trainEmbedding(positives: PairList, filmCount: number, linkCount: number, options: TrainOptions = {}): TrainResult {
  const dims = options.dims ?? 50;
  const epochs = options.epochs ?? 15;
  const batchSize = options.batchSize ?? 512;
  const seed = options.seed ?? 42;
  const count = positives.films.length;
  if (count === 0) throw new Error("no training pairs");
  const state = createTrainState(filmCount, linkCount, dims, options.initScale ?? 0.05, seed);
  const runner = new EpochRunner(positives, filmCount, linkCount, state, options, seed + 1);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const totalBatches = Math.min(options.maxBatches ?? Infinity, Math.ceil(count / batchSize) * epochs);
  const history: EpochStats[] = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs && runner.step < totalBatches; epoch++) {
    const epochStart = performance.now();
    const finalLr = options.finalLearningRate ?? 1;
    const sums = runner.epoch(order, totalBatches - runner.step, () => {
      runner.lrFactor = 1 - (1 - finalLr) * (runner.step / totalBatches);
      options.onBatch?.(runner.step, totalBatches);
    });
    const seconds = (performance.now() - epochStart) / 1000;
    const stats = epochStats(epoch, sums, seconds);
    history.push(stats);
    options.onEpoch?.(stats);
  }
  return {
    model: { dims, filmCount, linkCount, filmVectors: state.filmW, linkVectors: state.linkW },
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

/**
 * Per-link weights of the real pairs (TrainOptions.positiveWeights): a factor per
 * link kind and/or (films with the link)^-idfPower, scaled so that the mean
 * weight over the real pairs is 1 (the loss keeps its size).
 */
export function linkWeights(
  links: readonly { kind: string }[],
  pairs: PairList,
  options: { kindWeights?: Record<string, number>; idfPower?: number },
): Float32Array {
  const counts = new Float64Array(links.length);
  for (let i = 0; i < pairs.links.length; i++) counts[pairs.links[i]]++;
  const w = new Float32Array(links.length);
  for (let l = 0; l < links.length; l++) {
    w[l] = (options.kindWeights?.[links[l].kind] ?? 1) * Math.pow(Math.max(1, counts[l]), -(options.idfPower ?? 0));
  }
  let sum = 0;
  for (let i = 0; i < pairs.links.length; i++) sum += w[pairs.links[i]];
  const scale = pairs.links.length / (sum || 1);
  for (let l = 0; l < links.length; l++) w[l] *= scale;
  return w;
}
