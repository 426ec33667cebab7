/**
 * Node-only half of lib/vision: reading the model from disk, the tfjs WASM backend,
 * and decoding image bytes with sharp (limits enforced before decoding).
 * Never import this from browser code; use ./mobilenet and ./preprocess there.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import sharp from "sharp";
import { MAX_IMAGE_PIXELS, MAX_JPEG_SCANS } from "./constants";
import { countJpegScans } from "./jpeg";
import { ImageInputError } from "./errors";
import { createFunctionalMobileNet, type FunctionalMobileNet } from "./functional";
import { loadMobileNet, parseLabels, type MobileNet } from "./mobilenet";
import type { ImageEmbedder } from "./embedder";
import { createOnnxEmbedder, ONNX_MODEL_FILE } from "./onnx/runtime";
import type { PixelBuffer } from "./preprocess";

/** public/models/mobilenet_v1_0.75_224 of the project (the app's own copy). */
export function defaultModelDir(root: string = process.cwd()): string {
  return path.join(root, "public", "models", "mobilenet_v1_0.75_224");
}

// ---------------------------------------------------------------- model from disk

/**
 * A tfjs IOHandler that reads model.json and its weight shards from a directory
 * (never the network). Shard paths must stay inside the model's directory.
 */
export function fileModelHandler(modelJsonPath: string): tf.io.IOHandler {
  const dir = path.dirname(path.resolve(modelJsonPath));
  return {
    async load() {
      const modelJSON = JSON.parse(await fs.readFile(modelJsonPath, "utf8")) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const rel of group.paths) {
            const file = path.resolve(dir, rel);
            if (path.relative(dir, file).startsWith("..")) throw new Error(`weight path escapes model dir: ${rel}`);
            const buf = await fs.readFile(file);
            buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

export async function readLabels(metadataPath: string): Promise<string[]> {
  return parseLabels(JSON.parse(await fs.readFile(metadataPath, "utf8")));
}

/** Loads the project's copy of MobileNet (model.json + shards + metadata.json) from disk. */
export async function loadMobileNetFromDir(dir: string = defaultModelDir()): Promise<MobileNet> {
  const labels = await readLabels(path.join(dir, "metadata.json"));
  return loadMobileNet(fileModelHandler(path.join(dir, "model.json")), labels);
}

/** The same model as plain functions (lib/vision/functional): loaded, folded, LayersModel freed. */
export async function loadFunctionalMobileNetFromDir(dir: string = defaultModelDir()): Promise<FunctionalMobileNet> {
  const { model, heads, labels } = await loadMobileNetFromDir(dir);
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
 * The exported ONNX model (model.onnx, see scripts/image-search/onnx.ts) on onnxruntime-web's
 * wasm backend in Node (onnxruntime-node would need a download at install). Loaded lazily so
 * tfjs-only users of this module never load ONNX Runtime.
 */
export async function loadOnnxMobileNetFromBytes(model: Uint8Array, labels: readonly string[]): Promise<ImageEmbedder> {
  const ort = await import("onnxruntime-web");
  return createOnnxEmbedder(ort, model, labels);
}

export async function loadOnnxMobileNetFromDir(dir: string = defaultModelDir()): Promise<ImageEmbedder> {
  const [labels, bytes] = await Promise.all([readLabels(path.join(dir, "metadata.json")), fs.readFile(path.join(dir, ONNX_MODEL_FILE))]);
  return loadOnnxMobileNetFromBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), labels);
}

// ---------------------------------------------------------------- backends

/** Directory holding the tfjs-backend-wasm .wasm binaries (node_modules/@tensorflow/tfjs-backend-wasm/dist/). */
export function wasmBinaryDir(root: string = process.cwd()): string {
  try {
    const req = createRequire(path.join(root, "package.json"));
    return path.dirname(req.resolve("@tensorflow/tfjs-backend-wasm/package.json")) + path.sep + "dist" + path.sep;
  } catch {
    return path.join(root, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist") + path.sep;
  }
}

let wasmPathsSet = false;

/**
 * Switches tfjs to the WASM backend (single-threaded in Node, SIMD when available),
 * loading the binaries from disk. Returns the backend name.
 */
export async function useWasmBackend(binaryDir: string = wasmBinaryDir()): Promise<string> {
  if (!wasmPathsSet) {
    setWasmPaths(binaryDir.endsWith(path.sep) ? binaryDir : binaryDir + path.sep);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend("wasm"))) throw new Error("could not initialise the tfjs wasm backend");
  await tf.ready();
  return tf.getBackend();
}

/** Plain-JS CPU backend (slow, but needed for gradients and as a reference). */
export async function useCpuBackend(): Promise<string> {
  if (!(await tf.setBackend("cpu"))) throw new Error("could not initialise the tfjs cpu backend");
  await tf.ready();
  return tf.getBackend();
}

// ---------------------------------------------------------------- decoding

export interface DecodeLimits {
  /** Largest accepted input in bytes (checked before anything else). */
  maxBytes: number;
  /** Largest accepted width * height (checked from the header before decoding). */
  maxPixels: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxBytes: 15 * 1024 * 1024, maxPixels: MAX_IMAGE_PIXELS };

/** Formats we decode; anything else sharp may know (svg, pdf, ...) is refused. */
export const ACCEPTED_FORMATS = ["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"] as const;

export interface DecodedImage extends PixelBuffer {
  data: Uint8Array;
  channels: 3;
  /** Detected input format, e.g. "jpeg". */
  format: string;
}

/** A decode (in libvips' thread pool, off the event loop) that runs longer than this is abandoned. */
export const DECODE_TIMEOUT_SECONDS = 5;

function mapSharpError(err: unknown, format?: string): ImageInputError {
  const message = err instanceof Error ? err.message : String(err);
  if (/timeout/i.test(message)) {
    return new ImageInputError("decode_timeout", `Decoding the image took longer than ${DECODE_TIMEOUT_SECONDS} s.`, { format });
  }
  if (/pixel limit/i.test(message)) return new ImageInputError("too_many_pixels", "The image has too many pixels.");
  if (/unsupported image format|bad seek|input buffer is empty/i.test(message)) {
    return new ImageInputError("not_an_image", "The data is not an image in a supported format.");
  }
  if (/premature end|truncated|unexpected end|end of (file|stream|data)|not enough data|short read|read error|out of data/i.test(message)) {
    return new ImageInputError("truncated", "The image data is cut short.", { format });
  }
  return new ImageInputError("corrupt", "The image could not be decoded.", { format, reason: message.slice(0, 200) });
}

/**
 * Image bytes -> 8-bit RGB pixels at full resolution, rotated per EXIF, alpha
 * flattened onto white, in sRGB. Byte size and pixel count are checked before any
 * pixel is decoded; failures throw ImageInputError.
 */
export async function decodeImage(bytes: Uint8Array, limits: Partial<DecodeLimits> = {}): Promise<DecodedImage> {
  const { maxBytes, maxPixels } = { ...DEFAULT_DECODE_LIMITS, ...limits };
  if (bytes.byteLength === 0) throw new ImageInputError("empty", "The image is empty.");
  if (bytes.byteLength > maxBytes) {
    throw new ImageInputError("too_large", `The image is ${bytes.byteLength} bytes; the limit is ${maxBytes}.`, {
      bytes: bytes.byteLength,
      maxBytes,
    });
  }
  const scans = countJpegScans(bytes, MAX_JPEG_SCANS);
  if (scans > MAX_JPEG_SCANS) {
    throw new ImageInputError("too_many_scans", `The JPEG has more than ${MAX_JPEG_SCANS} progressive scans; cameras and encoders write about 10.`, {
      maxScans: MAX_JPEG_SCANS,
    });
  }
  const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const options = { limitInputPixels: maxPixels, failOn: "truncated" as const };

  // header only, no pixel is decoded here, so the pixel limit is checked below with a clear message
  const meta = await sharp(input, { ...options, limitInputPixels: false })
    .metadata()
    .catch((err: unknown) => {
      throw mapSharpError(err);
    });
  const format = meta.format ?? "unknown";
  if (!(ACCEPTED_FORMATS as readonly string[]).includes(format)) {
    throw new ImageInputError("not_an_image", `Unsupported image format: ${format}.`, { format });
  }
  const { width, height } = meta;
  if (!width || !height) throw new ImageInputError("corrupt", "The image header has no size.", { format });
  if (width * height > maxPixels) {
    throw new ImageInputError("too_many_pixels", `The image is ${width}x${height} pixels; the limit is ${maxPixels} pixels.`, {
      width,
      height,
      maxPixels,
    });
  }

  try {
    const { data, info } = await sharp(input, options)
      .rotate() // EXIF orientation
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      throw new Error(`unexpected decoded layout: ${info.width}x${info.height}x${info.channels}, ${data.length} bytes`);
    }
    return {
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      format,
    };
  } catch (err) {
    throw mapSharpError(err, format);
  }
}
