/**
 * Browser side: loads MobileNet on one engine as an ImageEmbedder (lib/vision/embedder) -
 * ONNX Runtime's wasm backend (the exported model.onnx) or tfjs (WebGL / WASM) - with the
 * model files fetched through the Cache API, so a second visit reads them from disk
 * instead of the network. Used by workers/image-embed.worker.ts and bench/image-embed's
 * page.
 */
import { createOnnxEmbedder, ONNX_MODEL_FILE } from "@/lib/vision/onnx/runtime";
import { loadMobileNetFromUrl, MODEL_PUBLIC_PATH, parseLabels, tfjsEmbedder, type EmbedBackend, type ImageEmbedder } from "@/lib/vision";
import { initTfBackend } from "@/lib/workers/tf-backend";

/** Where the page serves onnxruntime-web's wasm binary and its loader (copied by scripts/postinstall.mjs). */
export const ORT_WASM_URL = "/ort-wasm/ort-wasm-simd-threaded.wasm";
/** The loader's own file: ORT's wasm threads start workers from it (a bundle cannot be one). */
export const ORT_MJS_URL = "/ort-wasm/ort-wasm-simd-threaded.mjs";
/**
 * Cache API bucket of the model files. Bump the version when public/models or the ORT wasm
 * change: entries are never revalidated (the files are immutable per version).
 */
export const MODEL_CACHE = "image-embed-models-v1";

type Progress = (fraction: number) => void;

/** Reads a response body to the end, reporting the fraction of Content-Length read. */
async function readWithProgress(res: Response, onBytes: (n: number) => void): Promise<ArrayBuffer> {
  if (!res.body) return res.arrayBuffer();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    onBytes(value.byteLength);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

/**
 * fetch() through the Cache API: a cached response is returned as is; otherwise the network
 * answer is stored (when OK) and returned. Without the Cache API (insecure origin), plain fetch.
 */
export async function cachedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  const cache = typeof caches === "undefined" ? undefined : await caches.open(MODEL_CACHE).catch(() => undefined);
  const hit = await cache?.match(url);
  if (hit) return hit;
  const res = await fetch(input, init);
  // Stored while the caller reads the same bytes (not awaited); a failed put (quota) only means no cache.
  if (cache && res.ok) void cache.put(url, res.clone()).catch(() => undefined);
  return res;
}

/** Fetches several files (through the cache) as bytes, with one progress fraction over their total size. */
async function fetchAll(urls: string[], sizes: number[], onProgress?: Progress): Promise<ArrayBuffer[]> {
  const total = sizes.reduce((a, b) => a + b, 0);
  let read = 0;
  return Promise.all(
    urls.map(async (url) => {
      const res = await cachedFetch(url);
      if (!res.ok) throw new Error(`cannot load ${url}: HTTP ${res.status}`);
      return readWithProgress(res, (n) => {
        read += n;
        onProgress?.(Math.min(1, read / total));
      });
    }),
  );
}

async function labelsFrom(baseUrl: string): Promise<string[]> {
  const res = await cachedFetch(`${baseUrl}/metadata.json`);
  if (!res.ok) throw new Error(`cannot load ${baseUrl}/metadata.json: HTTP ${res.status}`);
  return parseLabels(await res.json());
}

/** Approximate download size (bytes) for the progress bar. */
const ONNX_MODEL_BYTES = 10.3e6;

export interface LoadOptions {
  onProgress?: Progress;
  baseUrl?: string;
  /** ORT wasm threads (default: 1, or up to 4 on a cross-origin isolated page; more need SharedArrayBuffer). */
  threads?: number;
}

async function loadOrt(baseUrl: string, onProgress?: Progress, threads?: number): Promise<ImageEmbedder> {
  const t0 = performance.now();
  const [ort, labels, [model]] = await Promise.all([
    import("onnxruntime-web/wasm"),
    labelsFrom(baseUrl),
    fetchAll([`${baseUrl}/${ONNX_MODEL_FILE}`], [ONNX_MODEL_BYTES], onProgress),
  ]);
  performance.measure("ort-fetch", { start: t0 });
  const t1 = performance.now();
  // The wasm binary is fetched by ORT itself (instantiateStreaming: compiled while it downloads;
  // HTTP-cached, so Chromium also keeps its compiled code for the next visit).
  const here = globalThis.location?.href;
  ort.env.wasm.wasmPaths = { mjs: new URL(ORT_MJS_URL, here), wasm: new URL(ORT_WASM_URL, here) };
  // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP + COEP); else one.
  ort.env.wasm.numThreads = threads ?? (globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1);
  const embedder = await createOnnxEmbedder(ort, new Uint8Array(model), labels);
  performance.measure("ort-session", { start: t1 }); // wasm compile + session create (bench/image-embed reads both)
  return embedder;
}

async function loadTfjs(backend: "webgl" | "wasm", baseUrl: string, onProgress?: Progress): Promise<ImageEmbedder> {
  const running = await initTfBackend([backend]);
  const net = await loadMobileNetFromUrl(baseUrl, cachedFetch, onProgress);
  return tfjsEmbedder(net, running);
}

/** Loads MobileNet on `backend` (model download with progress, session / backend start). */
export function loadBrowserEmbedder(backend: EmbedBackend, { onProgress, baseUrl = MODEL_PUBLIC_PATH, threads }: LoadOptions = {}): Promise<ImageEmbedder> {
  switch (backend) {
    case "ort-wasm":
      return loadOrt(baseUrl, onProgress, threads);
    case "tfjs-webgl":
      return loadTfjs("webgl", baseUrl, onProgress);
    case "tfjs-wasm":
      return loadTfjs("wasm", baseUrl, onProgress);
    default:
      throw new Error(`the browser has no ${backend} engine`);
  }
}
