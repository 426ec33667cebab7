/**
 * MobileNet v1 0.75 as plain tfjs functions over its own weights: no LayersModel in the
 * forward pass, so an input gradient (tf.grad / tf.valueAndGrad w.r.t. the image) costs
 * about one forward and one backward pass through the layers it needs, and nothing else.
 *
 * Built once from the LayersModel that the rest of lib/vision loads (the shipped
 * public/models/mobilenet_v1_0.75_224): every conv / depthwise conv is followed by a batch
 * norm in the original, which is folded into the conv's kernel and a bias here
 * (scale = gamma / sqrt(variance + epsilon); kernel * scale, bias = beta - mean * scale),
 * so each block is one conv + bias + relu6 (`tf.fused.conv2d` / `tf.fused.depthwiseConv2d`
 * when no gradient is being taken).
 *
 * Named outputs use the LayersModel's layer names (tests/unit/vision/functional.test.ts
 * checks them against it, within 1e-4):
 * - `<block>_bn` (pre-activation: conv + folded batch norm) and `<block>_relu` (after relu6),
 *   for the 27 blocks `conv1`, `conv_dw_1`, `conv_pw_1`, ... `conv_dw_13`, `conv_pw_13`;
 *   (n, h, w, channels). The raw conv outputs (`conv1`, `conv_dw_1`, ... before batch norm)
 *   do not exist here: batch norm is folded into them.
 * - `global_average_pooling2d_1`: the 768-d embedding (n, 768), the image-search vector.
 * - `conv_preds`: the 1,000 class logits (n, 1000) (the LayersModel's is (n, 1, 1, 1000)).
 * - `act_softmax`: class probabilities (n, 1000).
 *
 * The pass only runs as far as the deepest requested output. Any input size works (the
 * convolutions pad "same"; the pooled embedding and the logits need at least 1x1 at the
 * end): sizes other than 224 give activations the model was not trained on, but they are
 * what the same weights compute. Input: (n, size, size, 3) in [-1, 1], as preprocess()
 * makes it. Browser-safe (plain tfjs).
 */
import * as tf from "@tensorflow/tfjs";
import { EMBEDDING_DIM } from "./constants";
import { EMBEDDING_OUTPUT, LOGITS_OUTPUT, MOBILENET_BLOCKS, OUTPUTS, PROBABILITIES_OUTPUT } from "./layers";
import { loadMobileNetFromUrl, MODEL_PUBLIC_PATH, NUM_CLASSES } from "./mobilenet";

export type BlockKind = "conv" | "depthwise";

/** One conv / depthwise conv with its batch norm folded in. */
export interface FoldedBlock {
  /** The LayersModel's conv layer name: "conv1", "conv_dw_1", "conv_pw_1", ... */
  readonly name: string;
  readonly kind: BlockKind;
  readonly stride: 1 | 2;
  /** Output channels. */
  readonly channels: number;
  /** conv: (kh, kw, in, out); depthwise: (kh, kw, channels, 1); batch norm scale folded in. */
  readonly kernel: tf.Tensor4D;
  /** beta - mean * scale, one per output channel. */
  readonly bias: tf.Tensor1D;
}

export interface FunctionalMobileNet {
  /** The 27 folded blocks, input to output. */
  readonly blocks: readonly FoldedBlock[];
  /** conv_preds as a dense layer: (768, 1000) kernel and (1000) bias. */
  readonly classifier: { readonly kernel: tf.Tensor2D; readonly bias: tf.Tensor1D };
  /** The 1,000 ImageNet labels in output order. */
  readonly labels: readonly string[];
  /** Every name forward() can return, input to output. */
  readonly outputNames: readonly string[];
  /** Frees the folded weights (the LayersModel it came from is untouched). */
  dispose(): void;
}

const BN_EPSILON_DEFAULT = 1e-3;

function layerWeights(model: tf.LayersModel, name: string): tf.Tensor[] {
  let layer: tf.layers.Layer;
  try {
    layer = model.getLayer(name);
  } catch {
    throw new Error(`the model has no layer "${name}" (is it MobileNet v1?)`);
  }
  return layer.getWeights();
}

function foldBlock(model: tf.LayersModel, name: string): FoldedBlock {
  const convLayer = model.getLayer(name);
  const cfg = convLayer.getConfig() as { strides?: number[]; padding?: string; use_bias?: boolean; activation?: string };
  const kind: BlockKind = convLayer.getClassName() === "DepthwiseConv2D" ? "depthwise" : "conv";
  if (cfg.padding !== "same" || cfg.use_bias || (cfg.activation && cfg.activation !== "linear")) {
    throw new Error(`layer ${name}: expected a bias-free linear conv with "same" padding`);
  }
  const stride = (cfg.strides?.[0] ?? 1) as 1 | 2;
  const [kernel] = layerWeights(model, name) as [tf.Tensor4D];
  const bnLayer = model.getLayer(`${name}_bn`);
  const epsilon = (bnLayer.getConfig() as { epsilon?: number }).epsilon ?? BN_EPSILON_DEFAULT;
  const [gamma, beta, mean, variance] = layerWeights(model, `${name}_bn`) as tf.Tensor1D[];
  // Folded in float64 and rounded once, so the folded weights carry one float32 rounding.
  const g = gamma.dataSync(), bt = beta.dataSync(), mu = mean.dataSync(), v = variance.dataSync();
  const channels = g.length;
  const scale = new Float64Array(channels);
  const bias = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = g[c] / Math.sqrt(v[c] + epsilon);
    bias[c] = bt[c] - mu[c] * scale[c];
  }
  // conv (kh, kw, in, out) and depthwise (kh, kw, channels, 1) alike: the output channel
  // of flat index i is i % channels (depth multiplier 1).
  if (kind === "depthwise" && kernel.shape[3] !== 1) throw new Error(`layer ${name}: depth multiplier ${kernel.shape[3]} is not supported`);
  const k = kernel.dataSync();
  const folded = new Float32Array(k.length);
  for (let i = 0; i < k.length; i++) folded[i] = k[i] * scale[i % channels];
  return { name, kind, stride, channels, kernel: tf.tensor4d(folded, kernel.shape), bias: tf.tensor1d(bias) };
}

/**
 * Folds the LayersModel's weights once (the tensors are copies: disposing the model
 * later leaves these intact).
 */
export function createFunctionalMobileNet(model: tf.LayersModel, labels: readonly string[]): FunctionalMobileNet {
  if (labels.length !== NUM_CLASSES) throw new Error(`expected ${NUM_CLASSES} labels, got ${labels.length}`);
  const blocks = MOBILENET_BLOCKS.map((info) => {
    const block = foldBlock(model, info.name);
    if (block.kind !== info.kind || block.stride !== info.stride || block.channels !== info.channels) {
      throw new Error(`layer ${info.name} is not MobileNet v1 0.75's (${block.kind}, stride ${block.stride}, ${block.channels} channels)`);
    }
    return block;
  });
  const last = blocks[blocks.length - 1];
  if (last.channels !== EMBEDDING_DIM) throw new Error(`last block has ${last.channels} channels, expected ${EMBEDDING_DIM}`);
  const [k, b] = layerWeights(model, LOGITS_OUTPUT) as [tf.Tensor4D, tf.Tensor1D];
  if (k.shape.join() !== `1,1,${EMBEDDING_DIM},${NUM_CLASSES}`) throw new Error(`unexpected ${LOGITS_OUTPUT} kernel shape ${k.shape}`);
  const classifier = { kernel: tf.reshape(k, [EMBEDDING_DIM, NUM_CLASSES]) as tf.Tensor2D, bias: tf.clone(b) as tf.Tensor1D };
  const outputNames = OUTPUTS.map((o) => o.name);
  return {
    blocks,
    classifier,
    labels,
    outputNames,
    dispose() {
      for (const bl of blocks) {
        bl.kernel.dispose();
        bl.bias.dispose();
      }
      classifier.kernel.dispose();
      classifier.bias.dispose();
    },
  };
}

export interface ForwardOptions {
  /**
   * True when the pass runs inside tf.grad / tf.valueAndGrad: every block is then a plain
   * conv2d + add + relu6, whose gradients tfjs only takes w.r.t. what leads to the
   * differentiated input (a fused conv's gradient would also compute the kernel's).
   * Default false: fused conv + bias + relu6 kernels.
   */
  differentiable?: boolean;
}

/**
 * One folded block on its input: conv (or depthwise conv) + bias, then relu6 unless
 * `activation` is "linear" (the pre-activation, `<block>_bn`).
 */
export function applyBlock(x: tf.Tensor4D, bl: FoldedBlock, activation: "linear" | "relu6", differentiable = false): tf.Tensor4D {
  const strides: [number, number] = [bl.stride, bl.stride];
  if (!differentiable) {
    return bl.kind === "depthwise"
      ? tf.fused.depthwiseConv2d({ x, filter: bl.kernel, strides, pad: "same", bias: bl.bias, activation })
      : tf.fused.conv2d({ x, filter: bl.kernel, strides, pad: "same", bias: bl.bias, activation });
  }
  const conv = bl.kind === "depthwise" ? tf.depthwiseConv2d(x, bl.kernel, strides, "same") : tf.conv2d(x, bl.kernel, strides, "same");
  const pre = tf.add(conv, bl.bias) as tf.Tensor4D;
  return activation === "relu6" ? tf.relu6(pre) : pre;
}

/**
 * Runs the network on `input` (n, size, size, 3) up to the deepest of `outputs` and
 * returns those outputs by name (unknown names throw, listing the known ones). Does not
 * dispose intermediate tensors: call it inside tf.tidy / tf.grad.
 */
export function forward(
  net: FunctionalMobileNet,
  input: tf.Tensor4D,
  outputs: readonly string[],
  options: ForwardOptions = {},
): Record<string, tf.Tensor> {
  const differentiable = options.differentiable ?? false;
  const wanted = new Set(outputs);
  for (const name of wanted) {
    if (!net.outputNames.includes(name)) {
      throw new Error(`unknown MobileNet output "${name}"; known: ${net.outputNames.join(", ")}`);
    }
  }
  const result: Record<string, tf.Tensor> = {};
  const left = new Set(wanted);
  let x = input;
  for (const bl of net.blocks) {
    if (left.size === 0) return result;
    const preName = `${bl.name}_bn`;
    const reluName = `${bl.name}_relu`;
    if (left.has(preName)) {
      const pre = applyBlock(x, bl, "linear", differentiable);
      result[preName] = pre;
      x = tf.relu6(pre);
      left.delete(preName);
    } else {
      x = applyBlock(x, bl, "relu6", differentiable);
    }
    if (left.delete(reluName)) result[reluName] = x;
  }
  if (left.size === 0) return result;
  const embedding = tf.mean(x, [1, 2]) as tf.Tensor2D;
  if (left.delete(EMBEDDING_OUTPUT)) result[EMBEDDING_OUTPUT] = embedding;
  if (left.size === 0) return result;
  const logits = tf.add(tf.matMul(embedding, net.classifier.kernel), net.classifier.bias) as tf.Tensor2D;
  if (left.delete(LOGITS_OUTPUT)) result[LOGITS_OUTPUT] = logits;
  if (left.delete(PROBABILITIES_OUTPUT)) result[PROBABILITIES_OUTPUT] = tf.softmax(logits);
  return result;
}

/** One named output (see forward). */
export function forwardTo(net: FunctionalMobileNet, input: tf.Tensor4D, output: string, options: ForwardOptions = {}): tf.Tensor {
  return forward(net, input, [output], options)[output];
}

/**
 * Browser / worker: loads the shipped LayersModel from `baseUrl` (with download progress),
 * folds it and frees the LayersModel.
 */
export async function loadFunctionalMobileNetFromUrl(
  baseUrl: string = MODEL_PUBLIC_PATH,
  fetchImpl: typeof fetch = fetch,
  onProgress?: (fraction: number) => void,
): Promise<FunctionalMobileNet> {
  const { model, heads, labels } = await loadMobileNetFromUrl(baseUrl, fetchImpl, onProgress);
  try {
    return createFunctionalMobileNet(model, labels);
  } finally {
    // `heads` shares every weighted layer with `model` (up to conv_preds); disposing it
    // frees them (disposing both would dispose the shared layers twice).
    heads.dispose();
    void model;
  }
}

/**
 * The same network for grey images: input (n, size, size, 1), conv1's kernel summed over
 * R, G and B, which gives the outputs of feeding the grey value to all three channels
 * (and a gradient already summed over them) at a third of conv1's input work. Shares the
 * other blocks' tensors with `net`; dispose() frees only the new kernel.
 */
export function greyInputNet(net: FunctionalMobileNet): FunctionalMobileNet {
  const [first, ...rest] = net.blocks;
  const kernel = tf.tidy(() => tf.sum(first.kernel, 2, true) as tf.Tensor4D);
  return { ...net, blocks: [{ ...first, kernel }, ...rest], dispose: () => kernel.dispose() };
}
