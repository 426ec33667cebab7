import { WorkerClient } from "@/lib/workers/client";
import type { EmbedBackend } from "@/lib/vision/embedder";

/**
 * Either an image file (decoded in the worker) or raw RGBA pixels (e.g. a canvas's ImageData).
 * `backend` picks the engine (default: the fastest, workers/image-embed-engines); the page
 * sends a 1x1 pixel job when it opens, so the model download, session start and first
 * inference are done before a photo arrives.
 */
export type ImageEmbedInput = (
  | { file: Blob }
  | { pixels: { width: number; height: number; data: Uint8ClampedArray } }
) & { backend?: EmbedBackend };

export interface ImageEmbedResult {
  /** 768 floats: MobileNet v1 0.75's pooled conv_pw_13_relu, as lib/vision computes it in Node. */
  embedding: Float32Array;
  /** Top-5 ImageNet labels (short names), most probable first. */
  labels: { label: string; probability: number }[];
  /** Engine the worker runs: ort-wasm, tfjs-webgl or tfjs-wasm. */
  backend: EmbedBackend;
  /** Size of the decoded image (after EXIF rotation; downscaled when over the pixel limit). */
  width: number;
  height: number;
  /** Whether the image had to be downscaled before preprocessing (very large photos). */
  downscaled: boolean;
  ms: { model: number; decode: number; embed: number };
}

/** Starts the embedding worker; the bundler follows `new URL(..., import.meta.url)`. */
export function startImageEmbedWorker() {
  const worker = new Worker(new URL("./image-embed.worker.ts", import.meta.url), { type: "module" });
  return new WorkerClient<ImageEmbedInput, ImageEmbedResult>(worker);
}
