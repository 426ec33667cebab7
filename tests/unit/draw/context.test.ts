import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { fromRows, inkCount, toRows } from "@/lib/draw/core/bitmap";
import { contextFor, SCANLINE_CONTEXT, sequenceContext } from "@/lib/draw/core/context";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { initLstm } from "@/lib/draw/core/lstm";
import { sampleDrawings } from "@/lib/draw/core/sample";
import { epochBatches, evaluateLoss } from "@/lib/draw/pipeline/train";
import { createRng } from "@/lib/ml/rng";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const enc = ENCODINGS.scanlines32;
const size = SCANLINE_CONTEXT.size;
const row = (ctx: Float32Array, t: number) => ctx.subarray(t * size, (t + 1) * size);
const on = (v: Float32Array, from: number, to: number) => [...v.subarray(from, to)].flatMap((x, i) => (x ? [i] : []));

describe("scanline side input", () => {
  it("tells each step its row, the row above, the row above's ink right of the last x, and the rows left to the mirrored top margin", () => {
    // row 0: x 3 and 7; row 1: x 5
    const rows = Array.from({ length: 32 }, () => ".".repeat(32));
    rows[0] = "...#...#" + ".".repeat(24);
    rows[1] = ".....#" + ".".repeat(26);
    const seq = enc.encode(fromRows(rows.map((r) => r.replace(/#/g, "1").replace(/\./g, "0"))));
    expect(seq).toEqual([3, 7, 32, 5, 32, 33]);
    const ctx = sequenceContext(SCANLINE_CONTEXT, seq);
    // step 0 (after START): row 0, nothing above
    expect(on(row(ctx, 0), 0, 33)).toEqual([0]);
    expect(on(row(ctx, 0), 33, 97)).toEqual([]);
    // no ink yet: the margin feature says so
    expect(on(row(ctx, 0), 97, size)).toEqual([32]);
    // step 3 (after "3 7 EOL"): row 1, row above has 3 and 7, all of it still ahead
    expect(on(row(ctx, 3), 0, 33)).toEqual([1]);
    expect(on(row(ctx, 3), 33, 65)).toEqual([3, 7]);
    expect(on(row(ctx, 3), 65, 97)).toEqual([3, 7]);
    // ink began on row 0, so a centred drawing ends on row 31: on row 1, 30 rows left (one-hot at 30 + 1)
    expect(on(row(ctx, 3), 97, size)).toEqual([31]);
    // step 4 (after x 5 on row 1): only 7 is ahead
    expect(on(row(ctx, 4), 33, 65)).toEqual([3, 7]);
    expect(on(row(ctx, 4), 65, 97)).toEqual([7]);
    // step 5 (after the second EOL): row 2, row 1 above
    expect(on(row(ctx, 5), 0, 33)).toEqual([2]);
    expect(on(row(ctx, 5), 33, 65)).toEqual([5]);
  });

  it("is only defined where it was designed", () => {
    expect(contextFor("scanlines32", undefined)).toBeNull();
    expect(contextFor("scanlines32", size)).toBe(SCANLINE_CONTEXT);
    expect(() => contextFor("pixels8", size)).toThrow(/context/);
  });

  it("a model with the side input trains on batches carrying it, and its samples decode to valid bitmaps", async () => {
    const w = initLstm({ inputVocab: enc.outputVocab + 1, outputVocab: enc.outputVocab, units: 8, layers: 2, contextSize: size }, 5);
    const seqs = [enc.encode(fromRows(Array.from({ length: 32 }, (_, y) => (y < 3 ? "1".repeat(4) + "0".repeat(28) : "0".repeat(32)))))];
    const batches = epochBatches(seqs, enc.start, 2, createRng(1), SCANLINE_CONTEXT);
    expect(batches[0].contextSize).toBe(size);
    expect(batches[0].context!.length).toBe(batches[0].steps * 2 * size);
    expect(Number.isFinite(evaluateLoss(w, seqs, enc.start, 2, SCANLINE_CONTEXT))).toBe(true);
    // without its side input the model refuses to step
    expect(() => evaluateLoss(w, seqs, enc.start, 2)).toThrow(/context/);
    const bias = new Float32Array(enc.outputVocab);
    bias[enc.end] = 2;
    bias[32] = 3;
    w.outputBias = tf.tensor1d(bias);
    const opts = { count: 3, temperature: 1, seed: 9, maxTokens: 40, maxRejected: 400 };
    const a = await sampleDrawings(w, enc, opts);
    expect(a.bitmaps.length).toBe(3);
    for (const bm of a.bitmaps) {
      expect(inkCount(bm)).toBeGreaterThan(0);
      expect(toRows(enc.decode(enc.encode(bm))!)).toEqual(toRows(bm));
    }
    expect((await sampleDrawings(w, enc, opts)).bitmaps.map(toRows)).toEqual(a.bitmaps.map(toRows));
  });
});
