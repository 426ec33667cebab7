/// <reference lib="webworker" />
// Learning to draw, browser side: the LSTMs sample icons and glyphs with the same
// lib/draw/core code the server runs; MobileNet labels generated glyphs. Models are
// fetched once per worker.
import { bitmapToRgb, type Bitmap } from "@/lib/draw/core/bitmap";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { lstmFromBuffer, type LstmWeights, type ModelManifest } from "@/lib/draw/core/lstm";
import { MODEL_ENCODING, modelUrl, type ModelName } from "@/lib/draw/core/models";
import { sampleDrawings } from "@/lib/draw/core/sample";
import { analyzeBatch, loadMobileNetFromUrl, MODEL_PUBLIC_PATH, preprocess, shortLabel, type MobileNet } from "@/lib/vision";
import { serveJobs } from "@/lib/workers/serve";
import { initTfBackend } from "@/lib/workers/tf-backend";
import type { DrawJob, DrawJobResult } from "./draw-sample";

const lstms = new Map<ModelName, Promise<LstmWeights>>();
let mobilenet: Promise<MobileNet> | undefined;

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

function loadLstm(name: ModelName): Promise<LstmWeights> {
  let m = lstms.get(name);
  if (!m) {
    const urls = modelUrl(name);
    m = (async () => {
      const manifest = (await (await fetchOk(urls.manifest)).json()) as ModelManifest;
      return lstmFromBuffer(manifest, await (await fetchOk(urls.weights)).arrayBuffer());
    })().catch((err: unknown) => {
      lstms.delete(name);
      throw err;
    });
    lstms.set(name, m);
  }
  return m;
}

function unpack(pixels: Uint8Array, size: number): Bitmap[] {
  const per = size * size;
  return Array.from({ length: pixels.length / per }, (_, i) => ({ size, pixels: pixels.subarray(i * per, (i + 1) * per) }));
}

serveJobs<DrawJob, DrawJobResult>(self as unknown as DedicatedWorkerGlobalScope, async (input, { progress, signal }) => {
  const backend = await initTfBackend();
  const t0 = performance.now();
  if (input.kind === "sample") {
    progress(0, input.count, "Loading the model");
    const w = await loadLstm(input.model);
    const enc = ENCODINGS[MODEL_ENCODING[input.model]];
    const { bitmaps, rejected } = await sampleDrawings(w, enc, {
      count: input.count,
      temperature: input.temperature,
      seed: input.seed,
      signal,
      onProgress: (done, total, rej) => progress(done, total, `${done} drawn, ${rej} rejected`),
    });
    const pixels = new Uint8Array(bitmaps.length * enc.size * enc.size);
    bitmaps.forEach((b, i) => pixels.set(b.pixels, i * enc.size * enc.size));
    return { kind: "sample", size: enc.size, pixels, count: bitmaps.length, rejected, backend, ms: performance.now() - t0 };
  }
  progress(0, 1, "Loading MobileNet (11 MB, once)");
  mobilenet ??= loadMobileNetFromUrl(MODEL_PUBLIC_PATH, (i, init) => fetch(i, init)).catch((err: unknown) => {
    mobilenet = undefined;
    throw err;
  });
  const net = await mobilenet;
  signal.throwIfAborted();
  const bitmaps = unpack(input.pixels, input.size);
  const labels: { label: string; probability: number }[] = [];
  // a few at a time, so progress moves and a cancel is seen
  for (let i = 0; i < bitmaps.length; i += 4) {
    signal.throwIfAborted();
    const batch = bitmaps.slice(i, i + 4).map((b) => preprocess(bitmapToRgb(b, Math.ceil(224 / b.size))));
    for (const r of await analyzeBatch(net, batch, { topK: 1 })) labels.push({ label: shortLabel(r.predictions[0].label), probability: r.predictions[0].probability });
    progress(Math.min(bitmaps.length, i + 4), bitmaps.length, "Labelling");
  }
  return { kind: "classify", labels, backend, ms: performance.now() - t0 };
});
