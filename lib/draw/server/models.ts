import "server-only";
/**
 * The drawing models on the server: loaded once per process from public/draw/models (the
 * same files the page fetches) on the tfjs WASM backend; sampling runs one request at a
 * time with a short queue (then DomainError "busy").
 */
import fs from "node:fs/promises";
import path from "node:path";
import { createConcurrencyLimiter } from "@/lib/api/limiter";
import { busy } from "@/lib/errors";
import { ENCODINGS } from "../core/encoding";
import { lstmFromBuffer, type LstmWeights, type ModelManifest } from "../core/lstm";
import { MODEL_ENCODING, type ModelName } from "../core/models";
import { sampleDrawings, type SampleResult } from "../core/sample";
import { useWasmBackend as selectWasmBackend } from "@/lib/vision/node";

const loaded = new Map<ModelName, Promise<LstmWeights>>();

async function loadModel(name: ModelName): Promise<LstmWeights> {
  const dir = path.join(process.cwd(), "public", "draw", "models", name);
  let manifest: ModelManifest;
  let buf: Buffer;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, "model.json"), "utf8")) as ModelManifest;
    buf = await fs.readFile(path.join(dir, "weights.bin"));
  } catch {
    throw busy("model_missing", `The ${name} model is not trained yet (no public/draw/models/${name}/).`);
  }
  await selectWasmBackend();
  return lstmFromBuffer(manifest, buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

function model(name: ModelName): Promise<LstmWeights> {
  let m = loaded.get(name);
  if (!m) {
    m = loadModel(name).catch((err: unknown) => {
      loaded.delete(name);
      throw err;
    });
    loaded.set(name, m);
  }
  return m;
}

const samplingLimiter = createConcurrencyLimiter(1, 8, "The server is busy drawing; try again in a moment.");

export async function sampleModel(
  name: ModelName,
  opts: { count: number; temperature: number; seed: number },
  signal?: AbortSignal,
): Promise<SampleResult> {
  return samplingLimiter.run(async () => sampleDrawings(await model(name), ENCODINGS[MODEL_ENCODING[name]], { ...opts, signal }), signal);
}
