/**
 * MobileNet v1 (0.75, 224) as a feature extractor + ImageNet classifier, tfjs only.
 * Browser-safe: no Node imports, usable from a web worker (pass a URL) or Node
 * (pass the file IOHandler from ./node).
 *
 * One model call returns both heads: the `conv_pw_13_relu` activations (7x7x768,
 * averaged over space in tfjs -> the 768-value search embedding, values in [0, 6]
 * because of relu6) and the `conv_preds` logits (1x1x1000, softmaxed here - the
 * original model's tail is reshape -> dropout -> conv_preds -> softmax -> reshape).
 */
import * as tf from "@tensorflow/tfjs";
import { EMBEDDING_DIM } from "./constants";
import { MODEL_INPUT_SIZE, preprocess, type PixelBuffer } from "./preprocess";

export const EMBEDDING_LAYER = "conv_pw_13_relu";
export const LOGITS_LAYER = "conv_preds";
export const NUM_CLASSES = 1000;
/** Public path of the copied model (see public/models/mobilenet_v1_0.75_224/README.md). */
export const MODEL_PUBLIC_PATH = "/models/mobilenet_v1_0.75_224";

export interface MobileNet {
  /** The model as loaded (input -> softmax probabilities). */
  readonly model: tf.LayersModel;
  /** Same weights, two outputs: [conv_pw_13_relu (n,7,7,768), conv_preds (n,1,1,1000)]. */
  readonly heads: tf.LayersModel;
  /** The 1,000 ImageNet labels in output order (metadata.json). */
  readonly labels: readonly string[];
}

export interface Prediction {
  index: number;
  /** Full ImageNet label, e.g. "dalmatian, coach dog, carriage dog". */
  label: string;
  probability: number;
}

export interface VisionResult {
  /** 768 floats, global average pool of conv_pw_13_relu (not normalised). */
  embedding: Float32Array;
  /** Top-k ImageNet classes, most probable first. */
  predictions: Prediction[];
}

/** Reads the `labels` array of the model's metadata.json. */
export function parseLabels(metadata: unknown): string[] {
  const labels = (metadata as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(labels) || labels.length !== NUM_CLASSES || !labels.every((l) => typeof l === "string")) {
    throw new Error(`metadata.json must hold "labels": ${NUM_CLASSES} strings`);
  }
  return labels as string[];
}

/** "dalmatian, coach dog, carriage dog" -> "dalmatian". */
export function shortLabel(label: string): string {
  const i = label.indexOf(",");
  return i < 0 ? label : label.slice(0, i);
}

/** Checks the model is the one we expect and builds the two-headed model. */
export function createMobileNet(model: tf.LayersModel, labels: readonly string[]): MobileNet {
  if (labels.length !== NUM_CLASSES) throw new Error(`expected ${NUM_CLASSES} labels, got ${labels.length}`);
  const inShape = model.inputs[0]?.shape;
  if (!inShape || inShape[1] !== MODEL_INPUT_SIZE || inShape[2] !== MODEL_INPUT_SIZE || inShape[3] !== 3) {
    throw new Error(`unexpected model input shape ${JSON.stringify(inShape)}`);
  }
  const outShape = model.outputs[0]?.shape;
  if (!outShape || outShape[outShape.length - 1] !== NUM_CLASSES) {
    throw new Error(`unexpected model output shape ${JSON.stringify(outShape)}`);
  }
  const emb = model.getLayer(EMBEDDING_LAYER).output as tf.SymbolicTensor;
  const logits = model.getLayer(LOGITS_LAYER);
  const logitsOut = logits.output as tf.SymbolicTensor;
  const cfg = logits.getConfig() as { activation?: string };
  if (cfg.activation && cfg.activation !== "linear") {
    throw new Error(`${LOGITS_LAYER} has activation ${cfg.activation}; expected linear logits`);
  }
  if (emb.shape[emb.shape.length - 1] !== EMBEDDING_DIM || logitsOut.shape[logitsOut.shape.length - 1] !== NUM_CLASSES) {
    throw new Error(`unexpected head shapes ${JSON.stringify(emb.shape)} / ${JSON.stringify(logitsOut.shape)}`);
  }
  const heads = tf.model({ inputs: model.inputs, outputs: [emb, logitsOut], name: "mobilenet_heads" });
  return { model, heads, labels };
}

/** Loads from a URL (browser: "/models/.../model.json") or any tfjs IOHandler (Node: fileModelHandler). */
export async function loadMobileNet(source: string | tf.io.IOHandler, labels: readonly string[]): Promise<MobileNet> {
  const model = await tf.loadLayersModel(source);
  return createMobileNet(model, labels);
}

/**
 * Browser / worker: loads `${baseUrl}/model.json` and the labels from `${baseUrl}/metadata.json`.
 * `onProgress` gets the fraction (0..1) of the weights loaded, for a progress bar.
 */
export async function loadMobileNetFromUrl(
  baseUrl: string = MODEL_PUBLIC_PATH,
  fetchImpl: typeof fetch = fetch,
  onProgress?: (fraction: number) => void,
): Promise<MobileNet> {
  const base = baseUrl.replace(/\/+$/, "");
  const res = await fetchImpl(`${base}/metadata.json`);
  if (!res.ok) throw new Error(`cannot load ${base}/metadata.json: HTTP ${res.status}`);
  const labels = parseLabels(await res.json());
  // Wrapped: tfjs calls fetchFunc as a method of its loader, and the browser's own fetch
  // throws "Illegal invocation" when `this` is not the window / worker scope.
  const fetchFunc = (input: RequestInfo | URL, init?: RequestInit) => fetchImpl(input, init);
  const model = await tf.loadLayersModel(`${base}/model.json`, { fetchFunc, onProgress });
  return createMobileNet(model, labels);
}

/** Indices of the k largest values, largest first (ties: lower index first). */
export function topK(probabilities: ArrayLike<number>, k: number, labels: readonly string[]): Prediction[] {
  const idx = Array.from({ length: probabilities.length }, (_, i) => i);
  idx.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return idx.slice(0, Math.max(0, k)).map((index) => ({
    index,
    label: labels[index] ?? String(index),
    probability: probabilities[index],
  }));
}

export interface AnalyzeOptions {
  /** How many ImageNet predictions per image (default 5; 0 for none). */
  topK?: number;
}

/**
 * Runs the model once on a batch of preprocessed inputs (each 224 * 224 * 3 floats
 * from preprocess()) and returns embedding + top-k per image, in input order.
 */
export async function analyzeBatch(
  net: MobileNet,
  inputs: readonly Float32Array[],
  options: AnalyzeOptions = {},
): Promise<VisionResult[]> {
  const n = inputs.length;
  if (n === 0) return [];
  const flat = stackInputs(inputs);
  const [embT, probT] = tf.tidy(() => {
    const x = tf.tensor4d(flat, [n, MODEL_INPUT_SIZE, MODEL_INPUT_SIZE, 3]);
    const [features, logits] = net.heads.predict(x) as tf.Tensor[];
    const embedding = tf.mean(features, [1, 2]); // (n, 768)
    const probs = tf.softmax(tf.reshape(logits, [n, NUM_CLASSES])); // (n, 1000)
    return [embedding, probs];
  });
  try {
    const [emb, probs] = await Promise.all([embT.data() as Promise<Float32Array>, probT.data() as Promise<Float32Array>]);
    return splitResults(emb, probs, n, options.topK ?? 5, net.labels);
  } finally {
    embT.dispose();
    probT.dispose();
  }
}

/** Preprocessed inputs (224 * 224 * 3 floats each) as one (n, 224, 224, 3) buffer. */
export function stackInputs(inputs: readonly Float32Array[]): Float32Array {
  const per = MODEL_INPUT_SIZE * MODEL_INPUT_SIZE * 3;
  const flat = new Float32Array(inputs.length * per);
  inputs.forEach((input, i) => {
    if (input.length !== per) throw new Error(`input ${i} has ${input.length} values, expected ${per}`);
    flat.set(input, i * per);
  });
  return flat;
}

/** (n, 768) embeddings and (n, 1000) probabilities -> one VisionResult per image with its top-k. */
export function splitResults(emb: Float32Array, probs: Float32Array, n: number, k: number, labels: readonly string[]): VisionResult[] {
  const results: VisionResult[] = [];
  for (let i = 0; i < n; i++) {
    const embedding = emb.slice(i * EMBEDDING_DIM, (i + 1) * EMBEDDING_DIM);
    const predictions = k > 0 ? topK(probs.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES), k, labels) : [];
    results.push({ embedding, predictions });
  }
  return results;
}

/** One preprocessed input -> embedding + top-k. */
export async function analyze(net: MobileNet, input: Float32Array, options: AnalyzeOptions = {}): Promise<VisionResult> {
  const [result] = await analyzeBatch(net, [input], options);
  return result;
}

/** A short label and its probability, as the image-search query carries them. */
export interface LabelProbability {
  label: string;
  probability: number;
}

/**
 * Pixels -> preprocess -> one model call -> embedding + top-k labels by short name. The
 * browser worker and the server's upload path both use this, so they compute the same query.
 */
export async function embedPixels(net: MobileNet, pixels: PixelBuffer, topK = 5): Promise<{ embedding: Float32Array; labels: LabelProbability[] }> {
  const { embedding, predictions } = await analyze(net, preprocess(pixels), { topK });
  return { embedding, labels: predictions.map((p) => ({ label: shortLabel(p.label), probability: p.probability })) };
}
