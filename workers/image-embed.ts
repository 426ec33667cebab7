import { WorkerClient } from "@/lib/workers/client";

/** Either an image file (decoded in the worker) or raw RGBA pixels (e.g. a canvas's ImageData). */
export type ImageEmbedInput =
  | { file: Blob }
  | { pixels: { width: number; height: number; data: Uint8ClampedArray } };

export interface ImageEmbedResult {
  /** 768 floats: MobileNet v1 0.75's pooled conv_pw_13_relu, as lib/vision computes it in Node. */
  embedding: Float32Array;
  /** Top-5 ImageNet labels (short names), most probable first. */
  labels: { label: string; probability: number }[];
  /** tfjs backend the worker runs on: webgl, wasm or cpu. */
  backend: string;
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
