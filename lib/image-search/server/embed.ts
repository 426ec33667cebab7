/**
 * Server side embedding of uploaded images: sharp decode (size and pixel limits checked
 * before any pixel is decoded) -> the shared preprocess -> MobileNet on ONNX Runtime
 * (onnxruntime-web's wasm backend, public/models/.../model.onnx), the fastest engine in
 * Node in bench/image-embed; tfjs on its WASM backend stays selectable (`?backend=tfjs-wasm`).
 * Each engine's model is loaded once per process, on first use; the default one already at
 * server start (warmServerEmbedder). Node only.
 */
import "server-only";
import { embedPixelsWith, tfjsEmbedder, type ImageEmbedder, type MobileNet } from "@/lib/vision";
import {
  decodeImage,
  DEFAULT_DECODE_LIMITS,
  loadMobileNetFromDir,
  loadOnnxMobileNetFromDir,
  useWasmBackend,
  type DecodeLimits,
} from "@/lib/vision/node";
import { createConcurrencyLimiter } from "@/lib/api/limiter";
import { DEFAULT_SERVER_BACKEND, type ServerEmbedBackend, type QueryLabel } from "../core/api-schema";

/** Upload limits of the search API (bytes of the image file; width x height). */
export const UPLOAD_LIMITS: DecodeLimits = DEFAULT_DECODE_LIMITS;

// Kept on globalThis so Next's dev reloads reuse the loaded models.
const globalForModel = globalThis as unknown as { imageSearchModel?: Promise<MobileNet>; imageSearchOnnx?: Promise<ImageEmbedder> };

/** The process's MobileNet on the WASM backend; loads on first call (a failed load is retried next time). */
export function serverModel(): Promise<MobileNet> {
  globalForModel.imageSearchModel ??= (async () => {
    await useWasmBackend();
    return loadMobileNetFromDir();
  })().catch((err: unknown) => {
    globalForModel.imageSearchModel = undefined;
    throw err;
  });
  return globalForModel.imageSearchModel;
}

function onnxModel(): Promise<ImageEmbedder> {
  globalForModel.imageSearchOnnx ??= loadOnnxMobileNetFromDir().catch((err: unknown) => {
    globalForModel.imageSearchOnnx = undefined;
    throw err;
  });
  return globalForModel.imageSearchOnnx;
}

/** The process's embedder on `backend` (default: the fastest, ORT); loads on first call. */
export async function serverEmbedder(backend: ServerEmbedBackend = DEFAULT_SERVER_BACKEND): Promise<ImageEmbedder> {
  return backend === "ort-wasm" ? onnxModel() : tfjsEmbedder(await serverModel(), "wasm");
}

/**
 * Server start (lib/server/warm.ts): loads the default engine and runs one 1x1-pixel
 * inference, so the first upload (the page's search while the browser loads its model)
 * pays neither model load nor the first-run compile.
 */
export async function warmServerEmbedder(): Promise<void> {
  const pixel = { width: 1, height: 1, data: new Uint8ClampedArray([255, 255, 255, 255]) };
  await embeddingLimiter.run(async () => embedPixelsWith(await serverEmbedder(), pixel));
}

/** For /status: the engine uploads use by default, and which engines this process has loaded. */
export function serverEmbedStatus(): { default: ServerEmbedBackend; loaded: ServerEmbedBackend[] } {
  const loaded: ServerEmbedBackend[] = [];
  if (globalForModel.imageSearchOnnx) loaded.push("ort-wasm");
  if (globalForModel.imageSearchModel) loaded.push("tfjs-wasm");
  return { default: DEFAULT_SERVER_BACKEND, loaded };
}

export interface ServerEmbedding {
  embedding: Float32Array;
  labels: QueryLabel[];
  width: number;
  height: number;
  format: string;
  backend: ServerEmbedBackend;
}

/**
 * Image bytes -> embedding + top-5 ImageNet labels (short names). Bad input throws
 * ImageInputError (empty / too_large / too_many_pixels / not_an_image / truncated / corrupt),
 * always before the model is touched; too many waiting uploads throw DomainError "busy".
 */
export function embedImageBytes(
  bytes: Uint8Array,
  limits: DecodeLimits = UPLOAD_LIMITS,
  signal?: AbortSignal,
  backend: ServerEmbedBackend = DEFAULT_SERVER_BACKEND,
): Promise<ServerEmbedding> {
  // A queued upload whose client has gone is dropped instead of holding the only slot later.
  return embeddingLimiter.run(() => decodeAndEmbed(bytes, limits, backend), signal);
}

// Two cores: one embedding at a time keeps the event loop free for other requests;
// a short queue absorbs bursts, beyond it uploads are refused as "busy" instead of waiting forever.
const embeddingLimiter = createConcurrencyLimiter(1, 8, "The server is busy with other images; try again in a moment.");

async function decodeAndEmbed(bytes: Uint8Array, limits: DecodeLimits, backend: ServerEmbedBackend): Promise<ServerEmbedding> {
  const pixels = await decodeImage(bytes, limits);
  const embedder = await serverEmbedder(backend);
  const { embedding, labels } = await embedPixelsWith(embedder, pixels);
  return {
    embedding,
    labels,
    width: pixels.width,
    height: pixels.height,
    format: pixels.format,
    backend,
  };
}
