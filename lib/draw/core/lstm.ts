/**
 * A token LSTM as plain tfjs functions (no LayersModel): the same step function trains
 * (scripts/draw/train.ts, truncated BPTT) and samples (page worker and server).
 * Layer 1 takes its input token one-hot, followed by an optional per-step side input
 * (`contextSize` floats, see ./context.ts);
 * gates in the order input, forget, cell, output.
 */
import * as tf from "@tensorflow/tfjs";

export interface LstmConfig {
  /** Input tokens (output vocabulary + START). */
  inputVocab: number;
  outputVocab: number;
  units: number;
  layers: number;
  /** Width of the side input after the one-hot token (0 or absent: none). */
  contextSize?: number;
}

export interface LstmLayerWeights {
  /** Layer 1: (inputVocab + contextSize, 4 units); later layers: (units, 4 units) over the layer below. */
  inputKernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

export interface LstmWeights {
  config: LstmConfig;
  layers: LstmLayerWeights[];
  outputKernel: tf.Tensor2D;
  outputBias: tf.Tensor1D;
}

/** Per layer (h, c), each (batch, units). */
export type LstmState = { h: tf.Tensor2D; c: tf.Tensor2D }[];

export function zeroState(config: LstmConfig, batch: number): LstmState {
  return Array.from({ length: config.layers }, () => ({ h: tf.zeros([batch, config.units]) as tf.Tensor2D, c: tf.zeros([batch, config.units]) as tf.Tensor2D }));
}

/** x @ W. */
export type Linear = (x: tf.Tensor2D, kernel: tf.Tensor2D) => tf.Tensor2D;

const plainLinear: Linear = (x, kernel) => tf.matMul(x, kernel);

/**
 * x @ W with a hand-written gradient for training on the WASM backend, whose matMul with a
 * transposed operand is 10-30x slower than a plain one: dx = dy @ W^T (W^T made once per
 * kernel and reused across steps), dW = x^T @ dy (an explicit transpose of the small x).
 * Make one per optimiser step (the kernels change) and dispose it after.
 */
export function trainingLinear(): { linear: Linear; dispose(): void } {
  const transposed = new Map<tf.Tensor, tf.Tensor2D>();
  const linear: Linear = (x, kernel) => {
    let kt = transposed.get(kernel);
    if (!kt) {
      kt = tf.keep(tf.transpose(kernel)) as tf.Tensor2D;
      transposed.set(kernel, kt);
    }
    const wt = kt;
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
      save([a]);
      return {
        value: tf.matMul(a, b),
        gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => [tf.matMul(dy as tf.Tensor2D, wt), tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D)],
      };
    });
    return f(x, kernel) as tf.Tensor2D;
  };
  return {
    linear,
    dispose() {
      for (const t of transposed.values()) t.dispose();
      transposed.clear();
    },
  };
}


/**
 * One step: input tokens (batch,) int32 and, for a model with a side input, its context
 * (batch, contextSize) -> logits (batch, outputVocab) and the next state.
 */
export function lstmStep(w: LstmWeights, tokens: tf.Tensor1D, state: LstmState, linear: Linear = plainLinear, context?: tf.Tensor2D): { logits: tf.Tensor2D; state: LstmState } {
  if (Boolean(w.config.contextSize) !== Boolean(context)) throw new Error(`this model takes ${w.config.contextSize ? "a" : "no"} context input`);
  const units = w.config.units;
  const next: LstmState = [];
  let below: tf.Tensor2D | null = null;
  w.layers.forEach((layer, i) => {
    // one-hot x kernel rather than gather: the WASM backend has no gradient for gather
    let x: tf.Tensor2D;
    if (i > 0) x = below!;
    else {
      const oneHot = tf.oneHot(tokens, w.config.inputVocab).toFloat() as tf.Tensor2D;
      x = context ? (tf.concat([oneHot, context], 1) as tf.Tensor2D) : oneHot;
    }
    const fromInput = linear(x, layer.inputKernel);
    const z = tf.add(tf.add(fromInput, linear(state[i].h, layer.recurrentKernel)), layer.bias) as tf.Tensor2D;
    const [zi, zf, zg, zo] = tf.split(z, [units, units, units, units], 1);
    const c = tf.add(tf.mul(tf.sigmoid(zf), state[i].c), tf.mul(tf.sigmoid(zi), tf.tanh(zg))) as tf.Tensor2D;
    const h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as tf.Tensor2D;
    next.push({ h, c });
    below = h;
  });
  const logits = tf.add(linear(below!, w.outputKernel), w.outputBias) as tf.Tensor2D;
  return { logits, state: next };
}

/** Glorot-uniform kernels from a seeded tfjs initialiser, forget-gate bias 1. */
export function initLstm(config: LstmConfig, seed: number): LstmWeights {
  let s = seed;
  const glorot = (rows: number, cols: number) => {
    const limit = Math.sqrt(6 / (rows + cols));
    return tf.randomUniform([rows, cols], -limit, limit, "float32", s++) as tf.Tensor2D;
  };
  const u = config.units;
  const layers = Array.from({ length: config.layers }, (_, i) => ({
    inputKernel: glorot(i === 0 ? config.inputVocab + (config.contextSize ?? 0) : u, 4 * u),
    recurrentKernel: glorot(u, 4 * u),
    bias: tf.concat([tf.zeros([u]), tf.ones([u]), tf.zeros([2 * u])]) as tf.Tensor1D,
  }));
  return { config, layers, outputKernel: glorot(u, config.outputVocab), outputBias: tf.zeros([config.outputVocab]) as tf.Tensor1D };
}

/** Weight tensors in a fixed order (for serialisation and optimisers). */
export function weightList(w: LstmWeights): { name: string; tensor: tf.Tensor }[] {
  return [
    ...w.layers.flatMap((l, i) => [
      { name: `lstm${i + 1}/input_kernel`, tensor: l.inputKernel },
      { name: `lstm${i + 1}/recurrent_kernel`, tensor: l.recurrentKernel },
      { name: `lstm${i + 1}/bias`, tensor: l.bias },
    ]),
    { name: "output/kernel", tensor: w.outputKernel },
    { name: "output/bias", tensor: w.outputBias },
  ];
}

export interface ModelManifest {
  name: string;
  encoding: "pixels8" | "scanlines32";
  config: LstmConfig;
  /** Float32 little-endian, concatenated in this order. */
  weights: { name: string; shape: number[] }[];
  trainedOn?: Record<string, unknown>;
}

/** Weights from a manifest and its float32 buffer. */
export function lstmFromBuffer(manifest: ModelManifest, buffer: ArrayBuffer): LstmWeights {
  const floats = new Float32Array(buffer);
  let offset = 0;
  const byName = new Map<string, tf.Tensor>();
  for (const { name, shape } of manifest.weights) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (offset + n > floats.length) throw new Error(`model ${manifest.name}: weight file too short at ${name}`);
    byName.set(name, tf.tensor(floats.subarray(offset, offset + n), shape, "float32"));
    offset += n;
  }
  const get = <T extends tf.Tensor>(name: string) => {
    const t = byName.get(name);
    if (!t) throw new Error(`model ${manifest.name}: missing weight ${name}`);
    return t as T;
  };
  const { config } = manifest;
  return {
    config,
    layers: Array.from({ length: config.layers }, (_, i) => ({
      inputKernel: get<tf.Tensor2D>(`lstm${i + 1}/input_kernel`),
      recurrentKernel: get<tf.Tensor2D>(`lstm${i + 1}/recurrent_kernel`),
      bias: get<tf.Tensor1D>(`lstm${i + 1}/bias`),
    })),
    outputKernel: get<tf.Tensor2D>("output/kernel"),
    outputBias: get<tf.Tensor1D>("output/bias"),
  };
}

export function disposeLstm(w: LstmWeights): void {
  for (const { tensor } of weightList(w)) tensor.dispose();
}
