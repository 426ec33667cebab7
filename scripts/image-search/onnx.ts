/**
 * Writes public/models/mobilenet_v1_0.75_224/model.onnx from the shipped tfjs weights in
 * the same folder (lib/vision/onnx/export.ts: batch norm folded, conv + relu6 fused):
 *   npm run image-search:onnx [-- --out FILE]
 * Then checks it: ONNX Runtime (onnxruntime-web's wasm backend in Node) against the tfjs
 * model on real photos' pixels (tests/fixtures/images), printing cosine and max |diff|.
 * Same weights -> same bytes.
 */
import fs from "node:fs";
import path from "node:path";
import { analyzeBatch, preprocess } from "@/lib/vision";
import { decodeImage, defaultModelDir, loadMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";
import { createFunctionalMobileNet } from "@/lib/vision/functional";
import { exportMobileNetOnnx } from "@/lib/vision/onnx/export";
import { loadOnnxMobileNetFromBytes } from "@/lib/vision/node";
import { compareEmbeddings } from "@/lib/vision/onnx/compare";

async function main(argv: string[]) {
  const outIdx = argv.indexOf("--out");
  const out = outIdx >= 0 ? path.resolve(argv[outIdx + 1]) : path.join(defaultModelDir(), "model.onnx");
  await useWasmBackend();
  const tfNet = await loadMobileNetFromDir();
  const folded = createFunctionalMobileNet(tfNet.model, tfNet.labels);
  const bytes = exportMobileNetOnnx(folded);
  folded.dispose();
  fs.writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB`);

  const dir = path.join(process.cwd(), "tests", "fixtures", "images");
  const files = fs.readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).slice(0, 8);
  const inputs = await Promise.all(files.map(async (f) => preprocess(await decodeImage(fs.readFileSync(path.join(dir, f))))));
  const onnx = await loadOnnxMobileNetFromBytes(bytes, tfNet.labels);
  const [want, got] = [await analyzeBatch(tfNet, inputs), await onnx.analyzeBatch(inputs, 5)];
  const cmp = compareEmbeddings(want.map((r) => r.embedding), got.map((r) => r.embedding));
  console.log(`${files.length} photos: 1 - min cosine ${(1 - cmp.minCosine).toExponential(2)}, max |diff| ${cmp.maxAbsDiff.toExponential(2)}; top-1 label agrees on ${want.filter((w, i) => w.predictions[0].index === got[i].predictions[0].index).length}/${files.length}`);
  if (cmp.minCosine < 0.9999) throw new Error("the ONNX model does not reproduce the tfjs embedding");
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
