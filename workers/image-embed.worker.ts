/// <reference lib="webworker" />
// Reverse image search, browser side: decodes a photo, runs the shared preprocessing and
// MobileNet, and returns the 768-float embedding + top-5 ImageNet labels. Only these go
// to the server. The model is loaded once per worker (per engine), with download progress,
// from the Cache API after the first visit.
import { embedPixelsWith, MAX_IMAGE_PIXELS, type EmbedBackend, type ImageEmbedder } from "@/lib/vision";
import { serveJobs } from "@/lib/workers/serve";
import { DEFAULT_BROWSER_BACKEND } from "@/lib/image-search/core/api-schema";
import { loadBrowserEmbedder } from "./image-embed-engines";
import type { ImageEmbedInput, ImageEmbedResult } from "./image-embed";

/** Progress units: 0-80 model download, then decode, then embed. */
const TOTAL = 100;
const MODEL_SHARE = 80;

let model: { backend: EmbedBackend; embedder: Promise<ImageEmbedder> } | undefined;
/** Every running job hears the download progress (the page's warm-up job starts it, a photo may join). */
const downloadListeners = new Set<(fraction: number) => void>();
let downloaded = 0;

function loadModel(backend: EmbedBackend): Promise<ImageEmbedder> {
  if (model?.backend !== backend) {
    const previous = model?.embedder;
    void previous?.then((e) => e.dispose(), () => undefined);
    downloaded = 0;
    const onProgress = (fraction: number) => {
      downloaded = fraction;
      for (const listener of downloadListeners) listener(fraction);
    };
    const embedder = loadBrowserEmbedder(backend, { onProgress }).catch((err: unknown) => {
      if (model?.embedder === embedder) model = undefined; // let the next job try again
      throw err;
    });
    model = { backend, embedder };
  }
  return model.embedder;
}

let inference: Promise<unknown> = Promise.resolve();

class ImageDecodeError extends Error {
  readonly code = "not_an_image";
}

async function decode(file: Blob): Promise<{ width: number; height: number; data: Uint8ClampedArray; downscaled: boolean }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image", premultiplyAlpha: "none" });
  } catch {
    throw new ImageDecodeError("This file could not be read as an image (is it a JPEG, PNG, WebP or GIF?).");
  }
  let downscaled = false;
  if (bitmap.width * bitmap.height > MAX_IMAGE_PIXELS) {
    const f = Math.sqrt(MAX_IMAGE_PIXELS / (bitmap.width * bitmap.height));
    const [w, h] = [Math.max(1, Math.floor(bitmap.width * f)), Math.max(1, Math.floor(bitmap.height * f))];
    bitmap.close();
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image", premultiplyAlpha: "none", resizeWidth: w, resizeHeight: h, resizeQuality: "high" });
    downscaled = true;
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("No 2D canvas in this browser's workers.");
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width, height, data: ctx.getImageData(0, 0, width, height).data, downscaled };
}

serveJobs<ImageEmbedInput, ImageEmbedResult>(self as unknown as DedicatedWorkerGlobalScope, async (input, { progress, signal }) => {
  let t = performance.now();
  const backend = input.backend ?? DEFAULT_BROWSER_BACKEND;
  const loaded = model?.backend === backend;
  const loading = "Loading the model (once; cached for later visits)";
  progress(0, TOTAL, loaded ? "Model ready" : loading);
  const onDownload = (f: number) => progress(Math.round(f * MODEL_SHARE), TOTAL, loading);
  downloadListeners.add(onDownload);
  let embedder: ImageEmbedder;
  try {
    const loadingEmbedder = loadModel(backend);
    if (!loaded) onDownload(downloaded);
    embedder = await loadingEmbedder;
  } finally {
    downloadListeners.delete(onDownload);
  }
  const modelMs = performance.now() - t;
  signal.throwIfAborted();

  progress(MODEL_SHARE + 5, TOTAL, "Reading the photo");
  t = performance.now();
  const pixels = "file" in input ? await decode(input.file) : { ...input.pixels, downscaled: false };
  const decodeMs = performance.now() - t;
  signal.throwIfAborted();

  progress(MODEL_SHARE + 10, TOTAL, `Embedding on ${backend}`);
  t = performance.now();
  // One inference at a time: an ORT session does not take concurrent runs.
  const run = inference.then(() => embedPixelsWith(embedder, pixels));
  inference = run.catch(() => undefined);
  const { embedding, labels } = await run;
  const embedMs = performance.now() - t;
  progress(TOTAL, TOTAL, "Done");
  return {
    embedding,
    labels,
    backend,
    width: pixels.width,
    height: pixels.height,
    downscaled: pixels.downscaled,
    ms: { model: modelMs, decode: decodeMs, embed: embedMs },
  };
});
