import { describe, expect, it } from "vitest";
import { emptyBitmap, fromRows, packBitmaps, toRows, unpackBitmaps, type Bitmap } from "@/lib/draw/core/bitmap";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { createRng } from "@/lib/ml/rng";

function randomBitmap(size: number, density: number, seed: number): Bitmap {
  const rng = createRng(seed);
  const b = emptyBitmap(size);
  for (let i = 0; i < b.pixels.length; i++) b.pixels[i] = rng.next() < density ? 1 : 0;
  return b;
}

describe("draw encodings", () => {
  it("pixels8 is the ascending on-pixels then END (64)", () => {
    const b = emptyBitmap(8);
    b.pixels[0] = b.pixels[9] = b.pixels[63] = 1;
    expect(ENCODINGS.pixels8.encode(b)).toEqual([0, 9, 63, 64]);
  });

  it("scanlines32 writes x positions per line, EOL (32) per line, END (33) after the last non-empty line", () => {
    const b = emptyBitmap(32);
    b.pixels[0 * 32 + 3] = b.pixels[0 * 32 + 5] = 1;
    b.pixels[2 * 32 + 31] = 1;
    expect(ENCODINGS.scanlines32.encode(b)).toEqual([3, 5, 32, 32, 31, 32, 33]);
    expect(ENCODINGS.scanlines32.encode(emptyBitmap(32))).toEqual([33]);
  });

  it.each([
    ["pixels8", 8],
    ["scanlines32", 32],
  ] as const)("%s round-trips random bitmaps of every density exactly", (name, size) => {
    const enc = ENCODINGS[name];
    for (let seed = 0; seed < 40; seed++) {
      const b = randomBitmap(size, (seed % 10) / 9, seed);
      const tokens = enc.encode(b);
      expect(toRows(enc.decode(tokens)!)).toEqual(toRows(b));
      // every prefix step is accepted by the incremental check the sampler uses
      tokens.forEach((t, i) => expect(enc.accepts(tokens.slice(0, i), t)).toBe(true));
    }
  });

  it("rejects sequences the encoder never makes", () => {
    const p8 = ENCODINGS.pixels8;
    expect(p8.decode([5, 3, 64])).toBeNull(); // not ascending
    expect(p8.decode([5, 5, 64])).toBeNull(); // repeat
    expect(p8.decode([5, 6])).toBeNull(); // no END
    expect(p8.decode([5, 64, 6])).toBeNull(); // tokens after END
    expect(p8.accepts([5], 3)).toBe(false);
    const s32 = ENCODINGS.scanlines32;
    expect(s32.decode([3, 1, 32, 33])).toBeNull();
    expect(s32.decode([3, 32, 32, 33])).toBeNull(); // a trailing empty line before END
    expect(s32.decode([3, 32])).toBeNull();
    expect(s32.decode(Array.from({ length: 33 }, () => 32).concat([33]))).toBeNull(); // 33 lines
    expect(s32.accepts([3, 32], 33)).toBe(true);
    expect(s32.accepts([3, 32, 32], 33)).toBe(false);
  });

  it("packed bitmaps and row strings round-trip", () => {
    const bs = [randomBitmap(32, 0.3, 1), randomBitmap(32, 0.7, 2), emptyBitmap(32)];
    const back = unpackBitmaps(JSON.parse(JSON.stringify(packBitmaps(32, bs))));
    expect(back.map(toRows)).toEqual(bs.map(toRows));
    expect(toRows(fromRows(toRows(bs[0])))).toEqual(toRows(bs[0]));
    expect(() => fromRows(["012", "000", "000"])).toThrow();
  });
});
