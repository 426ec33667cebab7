/** Reading and writing a model as public/draw/models/<name>/{model.json, weights.bin} (float32 LE). */
import fs from "node:fs";
import path from "node:path";
import { lstmFromBuffer, weightList, type LstmWeights, type ModelManifest } from "../core/lstm";
import { unpackBitmaps, type Bitmap, type PackedBitmaps } from "../core/bitmap";
import type { ModelName } from "../core/models";

export function modelDir(name: ModelName, root: string = process.cwd()): string {
  return path.join(root, "public", "draw", "models", name);
}

export function writeModel(dir: string, manifest: Omit<ModelManifest, "weights">, w: LstmWeights): void {
  const list = weightList(w);
  const parts = list.map(({ tensor }) => tensor.dataSync() as Float32Array);
  const total = parts.reduce((s, p) => s + p.length, 0);
  const all = new Float32Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "weights.bin"), Buffer.from(all.buffer));
  const full: ModelManifest = { ...manifest, weights: list.map(({ name, tensor }) => ({ name, shape: tensor.shape })) };
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(full, null, 1) + "\n");
}

export function readModel(dir: string): { manifest: ModelManifest; weights: LstmWeights } {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8")) as ModelManifest;
  const buf = fs.readFileSync(path.join(dir, "weights.bin"));
  return { manifest, weights: lstmFromBuffer(manifest, buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer) };
}

export const MODEL_DATA: Record<ModelName, string> = { icons8: "icons8.json", icons32: "icons32.json", glyphs: "glyphs.json" };

export function readBitmaps(name: ModelName, dataDir = path.join(process.cwd(), "data", "draw")): Bitmap[] {
  return unpackBitmaps(JSON.parse(fs.readFileSync(path.join(dataDir, MODEL_DATA[name]), "utf8")) as PackedBitmaps);
}
