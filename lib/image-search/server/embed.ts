/**
 * Server side embedding of uploaded images: sharp decode (size and pixel limits checked
 * before any pixel is decoded) -> the shared preprocess -> MobileNet on the tfjs WASM
 * backend. The model is loaded once per process, on first use. Node only.
 */
import "server-only";
import { embedPixels, type MobileNet } from "@/lib/vision";
import { decodeImage, DEFAULT_DECODE_LIMITS, loadMobileNetFromDir, useWasmBackend, type DecodeLimits } from "@/lib/vision/node";
import { createConcurrencyLimiter } from "@/lib/api/limiter";
import type { QueryLabel } from "../core/api-schema";

/** Upload limits of the search API (bytes of the image file; width x height). */
export const UPLOAD_LIMITS: DecodeLimits = DEFAULT_DECODE_LIMITS;

// Kept on globalThis so Next's dev reloads reuse the loaded model.
const globalForModel = globalThis as unknown as { imageSearchModel?: Promise<MobileNet> };

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

export interface ServerEmbedding {
  embedding: Float32Array;
  labels: QueryLabel[];
  width: number;
  height: number;
  format: string;
}

/**
 * Image bytes -> embedding + top-5 ImageNet labels (short names). Bad input throws
 * ImageInputError (empty / too_large / too_many_pixels / not_an_image / truncated / corrupt),
 * always before the model is touched; too many waiting uploads throw DomainError "busy".
 */
export function embedImageBytes(bytes: Uint8Array, limits: DecodeLimits = UPLOAD_LIMITS, signal?: AbortSignal): Promise<ServerEmbedding> {
  // A queued upload whose client has gone is dropped instead of holding the only slot later.
  return embeddingLimiter.run(() => decodeAndEmbed(bytes, limits), signal);
}

// Two cores: one embedding at a time keeps the event loop free for other requests;
// a short queue absorbs bursts, beyond it uploads are refused as "busy" instead of waiting forever.
const embeddingLimiter = createConcurrencyLimiter(1, 8, "The server is busy with other images; try again in a moment.");

async function decodeAndEmbed(bytes: Uint8Array, limits: DecodeLimits): Promise<ServerEmbedding> {
  const pixels = await decodeImage(bytes, limits);
  const net = await serverModel();
  const { embedding, labels } = await embedPixels(net, pixels);
  return {
    embedding,
    labels,
    width: pixels.width,
    height: pixels.height,
    format: pixels.format,
  };
}
