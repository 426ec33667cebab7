/// <reference lib="webworker" />
// Reverse image search, browser side: decodes a photo, runs the shared preprocessing and
// MobileNet, and returns the 768-float embedding + top-5 ImageNet labels. Only these go
// to the server. The model (~11 MB) is loaded once per worker, with download progress.
import { embedPixels, loadMobileNetFromUrl, MAX_IMAGE_PIXELS, MODEL_PUBLIC_PATH, type MobileNet } from "@/lib/vision";
import { serveJobs } from "@/lib/workers/serve";
import { initTfBackend } from "@/lib/workers/tf-backend";
import type { ImageEmbedInput, ImageEmbedResult } from "./image-embed";

/** Progress units: 0-80 model download, then decode, then embed. */
const TOTAL = 100;
const MODEL_SHARE = 80;

let model: Promise<{ net: MobileNet; backend: string }> | undefined;

function loadModel(onFraction: (fraction: number) => void) {
  model ??= (async () => {
    const backend = await initTfBackend();
    const net = await loadMobileNetFromUrl(MODEL_PUBLIC_PATH, (input, init) => fetch(input, init), onFraction);
    return { net, backend };
  })().catch((err: unknown) => {
    model = undefined; // let the next job try again
    throw err;
  });
  return model;
}

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
  const loaded = !!model;
  progress(0, TOTAL, loaded ? "Model ready" : "Loading the model (11 MB, once)");
  const { net, backend } = await loadModel((f) => progress(Math.round(f * MODEL_SHARE), TOTAL, "Loading the model (11 MB, once)"));
  const modelMs = performance.now() - t;
  signal.throwIfAborted();

  progress(MODEL_SHARE + 5, TOTAL, "Reading the photo");
  t = performance.now();
  const pixels = "file" in input ? await decode(input.file) : { ...input.pixels, downscaled: false };
  const decodeMs = performance.now() - t;
  signal.throwIfAborted();

  progress(MODEL_SHARE + 10, TOTAL, `Embedding on ${backend}`);
  t = performance.now();
  const { embedding, labels } = await embedPixels(net, pixels);
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
