import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRAMED_GRID, framedPixels } from "@/lib/draw/core/brute";
import { classifyGrids, topLabels } from "@/lib/draw/core/brute-classify";
import { searchFramed } from "@/lib/draw/pipeline/brute-framed";
import { readTopTable, runBrute, tableTops } from "@/lib/draw/pipeline/brute";
import { createFunctionalMobileNet, preprocess, type FunctionalMobileNet, type MobileNet } from "@/lib/vision";
import { loadMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";

// A diagonal, a centre square, a top bar, all white, all black and an arbitrary one.
const SLICE = [0x8421, 0x0660, 0xf000, 0, 0xffff, 12345];

let mobileNet: MobileNet;
let net: FunctionalMobileNet;
let dir: string;

beforeAll(async () => {
  await useWasmBackend();
  mobileNet = await loadMobileNetFromDir();
  net = createFunctionalMobileNet(mobileNet.model, mobileNet.labels);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "draw-brute-"));
}, 120_000);

afterAll(() => {
  net?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The direct way: draw the 224x224 RGB picture pixel by pixel, lib/vision's preprocess, the LayersModel. */
function directTop(bits: number) {
  const data = new Uint8Array(224 * 224 * 3);
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      const cell = Math.floor(y / 56) * 4 + Math.floor(x / 56);
      const black = (bits >> (15 - cell)) & 1;
      data.fill(black ? 0 : 255, (y * 224 + x) * 3, (y * 224 + x) * 3 + 3);
    }
  }
  const probs = tf.tidy(() => (mobileNet.model.predict(tf.tensor4d(preprocess({ width: 224, height: 224, data }), [1, 224, 224, 3])) as tf.Tensor).dataSync());
  return topLabels(probs, 1000)[0];
}

describe("brute-force labelling of a slice", () => {
  it("equals a direct classification of each picture, and a second run resumes with nothing left to do", async () => {
    const file = path.join(dir, "top1.bin");
    const table = await runBrute(net, file, { size: 224, batch: 4, bits: SLICE });
    const tops = tableTops(table);
    expect(tops.filter(Boolean)).toHaveLength(SLICE.length);
    for (const bits of SLICE) {
      const direct = directTop(bits);
      expect(tops[bits]!.label, `bits ${bits}`).toBe(direct.label);
      expect(tops[bits]!.probability).toBeCloseTo(direct.probability, 4);
    }
    // the table on disk holds the same, and a rerun classifies nothing new
    expect(tableTops(readTopTable(file))[SLICE[0]]).toEqual(tops[SLICE[0]]);
    const progress: number[] = [];
    await runBrute(net, file, { size: 224, batch: 4, bits: SLICE, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([SLICE.length]);
  }, 120_000);
});

describe("7x7 search", () => {
  it("is seeded, keeps the border, and reports each label's probability as classifying the find gives it", async () => {
    const options = { size: 35, border: 1 as const, seed: 3, restarts: 2, steps: 2, density: 0.35, temperature: 0.3 };
    const a = await searchFramed(net, options);
    const b = await searchFramed(net, options);
    expect(b).toEqual(a);
    expect(a.evaluations).toBeGreaterThan(2);
    expect(a.finds.length).toBeGreaterThan(0);
    const grids = a.finds.map((f) => framedPixels(f.bits));
    for (const g of grids) for (const i of [0, 6, 7, 13, 42, 48]) expect(g[i]).toBe(1);
    const tops = await classifyGrids(net, grids, FRAMED_GRID, 35);
    tops.forEach((t, i) => {
      expect(net.labels[t.label]).toBe(a.finds[i].label);
      expect(t.probability).toBeCloseTo(a.finds[i].probability, 4);
    });
  }, 60_000);
});
