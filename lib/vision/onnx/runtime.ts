/**
 * The exported MobileNet (./export) on ONNX Runtime, as an ImageEmbedder. The caller
 * passes the onnxruntime-web module it loaded (the worker imports "onnxruntime-web/wasm"
 * with its wasm files served from /ort-wasm/; Node imports "onnxruntime-web", which picks
 * its Node build), so this file stays free of either import. Browser-safe.
 */
import type * as Ort from "onnxruntime-web";
import type { ImageEmbedder } from "../embedder";
import { NUM_CLASSES, splitResults, stackInputs } from "../mobilenet";
import { MODEL_INPUT_SIZE } from "../preprocess";
import { EMBEDDING_DIM } from "../constants";
import { ONNX_EMBEDDING_OUTPUT, ONNX_INPUT, ONNX_PROBABILITIES_OUTPUT } from "./export";

export type OrtModule = typeof Ort;

/** File name of the exported model beside the tfjs model (public/models/mobilenet_v1_0.75_224/). */
export const ONNX_MODEL_FILE = "model.onnx";

/**
 * Creates the session (wasm execution provider). "extended" optimisations fuse conv + clip; "all"
 * (NCHWc layouts) measured no faster per image here and took ~0.5 s longer to create.
 */
export async function createOnnxEmbedder(ort: OrtModule, model: Uint8Array, labels: readonly string[]): Promise<ImageEmbedder> {
  if (labels.length !== NUM_CLASSES) throw new Error(`expected ${NUM_CLASSES} labels, got ${labels.length}`);
  const session = await ort.InferenceSession.create(model, { executionProviders: ["wasm"], graphOptimizationLevel: "extended" });
  for (const name of [ONNX_EMBEDDING_OUTPUT, ONNX_PROBABILITIES_OUTPUT]) {
    if (!session.outputNames.includes(name)) throw new Error(`the ONNX model has no output "${name}"`);
  }
  return {
    backend: "ort-wasm",
    labels,
    async analyzeBatch(inputs, topK = 5) {
      const n = inputs.length;
      if (n === 0) return [];
      const x = new ort.Tensor("float32", stackInputs(inputs), [n, MODEL_INPUT_SIZE, MODEL_INPUT_SIZE, 3]);
      const out = await session.run({ [ONNX_INPUT]: x });
      try {
        const emb = out[ONNX_EMBEDDING_OUTPUT].data as Float32Array;
        const probs = out[ONNX_PROBABILITIES_OUTPUT].data as Float32Array;
        if (emb.length !== n * EMBEDDING_DIM || probs.length !== n * NUM_CLASSES) throw new Error("unexpected ONNX output sizes");
        return splitResults(emb, probs, n, topK, labels);
      } finally {
        x.dispose();
        for (const t of Object.values(out)) t.dispose();
      }
    },
    dispose: () => void session.release(),
  };
}
