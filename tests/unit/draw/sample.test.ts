import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { inkCount, toRows } from "@/lib/draw/core/bitmap";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { initLstm } from "@/lib/draw/core/lstm";
import { sampleDrawings } from "@/lib/draw/core/sample";

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
    const a = await sampleDrawings(w, enc, opts);
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
});
