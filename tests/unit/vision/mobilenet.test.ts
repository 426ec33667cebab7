import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, analyzeBatch, EMBEDDING_DIM, preprocess, shortLabel, topK, type MobileNet } from "@/lib/vision";
import { decodeImage, defaultModelDir, loadMobileNetFromDir, useCpuBackend, useWasmBackend } from "@/lib/vision/node";

const FIXTURES = path.resolve(__dirname, "../../fixtures/images");
// Caltech-101 photos (CC BY 4.0) whose class has an ImageNet counterpart.
const PHOTOS = [
  { file: "dalmatian-image_0001.jpg", expect: "dalmatian" },
  { file: "soccer_ball-image_0001.jpg", expect: "soccer ball" },
  { file: "pizza-image_0001.jpg", expect: "pizza" },
];

let net: MobileNet;
let inputs: Float32Array[];

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(async () => {
  // the project's own copy under public/models
  expect(path.relative(process.cwd(), defaultModelDir())).toBe(path.join("public", "models", "mobilenet_v1_0.75_224"));
  expect(await useWasmBackend()).toBe("wasm");
  const t0 = performance.now();
  net = await loadMobileNetFromDir();
  console.log(`[vision] model load ${(performance.now() - t0).toFixed(0)} ms (wasm backend)`);
  inputs = [];
  for (const p of PHOTOS) inputs.push(preprocess(await decodeImage(fs.readFileSync(path.join(FIXTURES, p.file)))));
}, 60_000);

describe("MobileNet v1 0.75 (WASM backend)", () => {
  it("the model has the expected heads", () => {
    expect(net.labels.length).toBe(1000);
    expect(net.labels[251]).toMatch(/^dalmatian/);
    expect(net.heads.outputs.map((o) => o.shape)).toEqual([
      [null, 7, 7, 768],
      [null, 1, 1, 1000],
    ]);
  });

  it("embeds into 768 non-negative floats, deterministically; top-5 labels are plausible", async () => {
    const t0 = performance.now();
    const results = await analyzeBatch(net, inputs, { topK: 5 });
    console.log(`[vision] batch of ${inputs.length}: ${((performance.now() - t0) / inputs.length).toFixed(0)} ms/image`);
    results.forEach((r, i) => {
      expect(r.embedding).toBeInstanceOf(Float32Array);
      expect(r.embedding.length).toBe(EMBEDDING_DIM);
      let min = Infinity,
        max = -Infinity,
        nonZero = 0;
      for (const v of r.embedding) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (v > 0) nonZero++;
      }
      expect(min).toBeGreaterThanOrEqual(0); // mean of relu6 activations
      expect(max).toBeLessThanOrEqual(6);
      expect(nonZero).toBeGreaterThan(100);
      expect(r.predictions).toHaveLength(5);
      const names = r.predictions.map((p) => shortLabel(p.label));
      expect(names, PHOTOS[i].file).toContain(PHOTOS[i].expect);
      for (let k = 1; k < 5; k++) expect(r.predictions[k].probability).toBeLessThanOrEqual(r.predictions[k - 1].probability);
    });

    // deterministic, and independent of the batch it ran in
    const again = await analyze(net, inputs[1]);
    expect(maxAbsDiff(again.embedding, results[1].embedding)).toBeLessThan(1e-5);
    const twice = await analyze(net, inputs[1]);
    expect(Array.from(twice.embedding)).toEqual(Array.from(again.embedding));
    // different photos give clearly different vectors
    expect(maxAbsDiff(results[0].embedding, results[1].embedding)).toBeGreaterThan(0.5);
  });

  it("matches the original model: softmax(conv_preds) = its output, mean(conv_pw_13_relu) = its global pool", async () => {
    const [res] = await analyzeBatch(net, [inputs[0]], { topK: 1000 });
    const x = tf.tensor4d(inputs[0], [1, 224, 224, 3]);
    const probs = (net.model.predict(x) as tf.Tensor).dataSync();
    const pool = tf.model({ inputs: net.model.inputs, outputs: net.model.getLayer("global_average_pooling2d_1").output });
    const pooled = (pool.predict(x) as tf.Tensor).dataSync();
    x.dispose();
    const ours = new Float32Array(1000);
    for (const p of res.predictions) ours[p.index] = p.probability;
    expect(maxAbsDiff(ours, probs)).toBeLessThan(1e-5);
    expect(maxAbsDiff(res.embedding, pooled)).toBeLessThan(1e-5);
    expect(topK(probs, 1, net.labels)[0].label).toMatch(/^dalmatian/);
  });

  it("browser and Node agree: same pixels -> same vector on the CPU and WASM backends", async () => {
    const wasm = await analyze(net, inputs[0]);
    await useCpuBackend();
    try {
      const t0 = performance.now();
      const cpu = await analyze(net, inputs[0]);
      console.log(`[vision] cpu backend: ${(performance.now() - t0).toFixed(0)} ms/image`);
      const diff = maxAbsDiff(cpu.embedding, wasm.embedding);
      console.log(`[vision] cpu vs wasm max |diff| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-4);
      expect(cpu.predictions.map((p) => p.index)).toEqual(wasm.predictions.map((p) => p.index));
    } finally {
      await useWasmBackend();
    }
  }, 60_000);
});
