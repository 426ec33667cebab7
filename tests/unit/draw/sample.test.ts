import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { inkCount, toRows } from "@/lib/draw/core/bitmap";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { initLstm } from "@/lib/draw/core/lstm";
import { sampleDrawings, truncateTail } from "@/lib/draw/core/sample";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("sampling", () => {
  it.each(["pixels8", "scanlines32"] as const)("an untrained %s LSTM's samples all decode to valid bitmaps; rejects are counted; same seed, same samples", async (name) => {
    const enc = ENCODINGS[name];
    const w = initLstm({ inputVocab: enc.outputVocab + 1, outputVocab: enc.outputVocab, units: 16, layers: 2 }, 3);
    // favour the control tokens so some random sequences are valid drawings
    const bias = new Float32Array(enc.outputVocab);
    bias[enc.end] = 2;
    if (name === "scanlines32") bias[32] = 3;
    w.outputBias = tf.tensor1d(bias);
    const opts = { count: 4, temperature: 1, seed: 42, maxTokens: 40, maxRejected: 400 };
    const tensorsBefore = tf.memory().numTensors;
    const a = await sampleDrawings(w, enc, opts);
    // nothing of the steps stays behind in the backend (the server samples for every request)
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const b = await sampleDrawings(w, enc, opts);
    expect(a.bitmaps.map(toRows)).toEqual(b.bitmaps.map(toRows));
    // a random network breaks the encoding often: rejections happen and are counted
    expect(a.rejected).toBeGreaterThan(0);
    for (const bm of a.bitmaps) {
      expect(bm.size).toBe(enc.size);
      expect(inkCount(bm)).toBeGreaterThan(0);
      expect(toRows(enc.decode(enc.encode(bm))!)).toEqual(toRows(bm));
    }
    const other = await sampleDrawings(w, enc, { ...opts, seed: 43 });
    expect(other.bitmaps.map(toRows)).not.toEqual(a.bitmaps.map(toRows));
  });

  it("min-p cuts each row's tail below that fraction of the row's likeliest token, and only it", () => {
    const probs = Float32Array.from([0.5, 0.02, 0.03, 0.45, 0.1, 0.004, 0.006, 0.89]);
    truncateTail(probs, 2, 4, 0.05);
    // row 1: cut below 0.025; row 2: cut below 0.0445
    expect([...probs].map((p) => Number(p.toFixed(3)))).toEqual([0.5, 0, 0.03, 0.45, 0.1, 0, 0, 0.89]);
    const untouched = Float32Array.from([0.5, 0.02, 0.03, 0.45]);
    truncateTail(untouched, 1, 4, 0);
    expect([...untouched].map((p) => Number(p.toFixed(3)))).toEqual([0.5, 0.02, 0.03, 0.45]);
  });
});
