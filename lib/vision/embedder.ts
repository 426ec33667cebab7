/**
 * One interface over the engines that compute the MobileNet image vector: tfjs (webgl,
 * wasm or cpu backend, ./mobilenet) and ONNX Runtime (./onnx/runtime). The browser worker
 * and the server's upload path hold an ImageEmbedder and do not care which one runs;
 * bench/image-embed measures which is fastest. Browser-safe.
 */
import { analyzeBatch, shortLabel, type LabelProbability, type MobileNet, type VisionResult } from "./mobilenet";
import { preprocess, type PixelBuffer } from "./preprocess";

/** Engine + backend, e.g. "tfjs-webgl", "tfjs-wasm", "ort-wasm". */
export type EmbedBackend = "tfjs-webgl" | "tfjs-wasm" | "tfjs-cpu" | "ort-wasm";
export const EMBED_BACKENDS: readonly EmbedBackend[] = ["ort-wasm", "tfjs-webgl", "tfjs-wasm", "tfjs-cpu"];

export function isEmbedBackend(value: unknown): value is EmbedBackend {
  return typeof value === "string" && (EMBED_BACKENDS as readonly string[]).includes(value);
}

export interface ImageEmbedder {
  readonly backend: EmbedBackend;
  readonly labels: readonly string[];
  /** Preprocessed inputs (224 * 224 * 3 floats each) -> embedding + top-k per image, in order. */
  analyzeBatch(inputs: readonly Float32Array[], topK?: number): Promise<VisionResult[]>;
  dispose(): void;
}

/** A loaded tfjs MobileNet as an ImageEmbedder (tfjs must already be on `backend`). */
export function tfjsEmbedder(net: MobileNet, backend: "webgl" | "wasm" | "cpu"): ImageEmbedder {
  return {
    backend: `tfjs-${backend}`,
    labels: net.labels,
    analyzeBatch: (inputs, topK = 5) => analyzeBatch(net, inputs, { topK }),
    dispose: () => net.heads.dispose(),
  };
}

/** Pixels -> preprocess -> one model call -> embedding + top-k labels by short name, on any engine. */
export async function embedPixelsWith(
  embedder: ImageEmbedder,
  pixels: PixelBuffer,
  topK = 5,
): Promise<{ embedding: Float32Array; labels: LabelProbability[] }> {
  const [{ embedding, predictions }] = await embedder.analyzeBatch([preprocess(pixels)], topK);
  return { embedding, labels: predictions.map((p) => ({ label: shortLabel(p.label), probability: p.probability })) };
}
