import { describe, expect, it } from "vitest";
import {
  centerCropSquare,
  ImageInputError,
  MODEL_INPUT_SIZE,
  preprocess,
  resizeCenterCrop,
  scaleToUnitRange,
  type PixelBuffer,
} from "@/lib/vision";

const S = MODEL_INPUT_SIZE;

/** An RGB image whose pixel (x, y) is fn(x, y) -> [r, g, b]. */
function rgbImage(width: number, height: number, fn: (x: number, y: number) => [number, number, number]): PixelBuffer {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set(fn(x, y), (y * width + x) * 3);
  return { width, height, data };
}

function minMax(a: ArrayLike<number>): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    lo = Math.min(lo, a[i]);
    hi = Math.max(hi, a[i]);
  }
  return [lo, hi];
}

/** Number of positions where a and b differ (fast on big typed arrays, unlike toEqual). */
function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

const px = (out: Float32Array, size: number, x: number, y: number) => Array.from(out.subarray((y * size + x) * 3, (y * size + x) * 3 + 3));

describe("centerCropSquare", () => {
  it("keeps the centred square of the shorter side", () => {
    expect(centerCropSquare(300, 200)).toEqual({ x0: 50, y0: 0, size: 200 });
    expect(centerCropSquare(200, 301)).toEqual({ x0: 0, y0: 50.5, size: 200 });
    expect(centerCropSquare(224, 224)).toEqual({ x0: 0, y0: 0, size: 224 });
  });
});

describe("resizeCenterCrop", () => {
  it("is the identity on a 224x224 image", () => {
    const img = rgbImage(S, S, (x, y) => [x, y, (x * 7 + y * 3) % 256]);
    const out = resizeCenterCrop(img);
    expect(out.length).toBe(S * S * 3);
    expect(mismatches(out, img.data)).toBe(0);
  });

  it("crops the centre of a wide image (no resampling when the short side is 224)", () => {
    // 448 wide: x < 112 red, 112..335 green, >= 336 blue -> only green is left
    const img = rgbImage(2 * S, S, (x) => (x < 112 ? [255, 0, 0] : x < 336 ? [0, 255, 0] : [0, 0, 255]));
    const out = resizeCenterCrop(img);
    expect(minMax(out.filter((_, i) => i % 3 === 1))).toEqual([255, 255]);
    expect(minMax(out.filter((_, i) => i % 3 !== 1))).toEqual([0, 0]);
  });

  it("crops the centre of a tall image", () => {
    const img = rgbImage(S, 2 * S, (_x, y) => [y < 112 || y >= 336 ? 0 : 200, 0, 0]);
    const out = resizeCenterCrop(img);
    expect(minMax(out.filter((_, i) => i % 3 === 0))).toEqual([200, 200]);
  });

  it("shrinks 2x with the documented tent filter (weights 1/8, 3/8, 3/8, 1/8)", () => {
    const img = rgbImage(2 * S, 2 * S, (x) => [x % 256, 0, 0]);
    const out = resizeCenterCrop(img);
    // interior: a linear ramp stays linear, sampled at the output pixel centre 2i + 0.5
    for (const i of [1, 10, 50, 100]) expect(px(out, S, i, 7)[0]).toBeCloseTo(2 * i + 0.5, 4);
    // left edge: the pixel at -1 is outside the image, weights renormalised: (0*.75 + 1*.75 + 2*.25) / 1.75
    expect(px(out, S, 0, 7)[0]).toBeCloseTo(1.25 / 1.75, 6);
  });

  it("enlarges small images bilinearly, edges clamped", () => {
    const img = rgbImage(2, 2, (x, y) => [x * 100, y * 100, 50]);
    const out = resizeCenterCrop(img);
    expect(px(out, S, 0, 0)).toEqual([0, 0, 50]);
    expect(px(out, S, S - 1, S - 1)).toEqual([100, 100, 50]);
    // output x = 111 has its centre at 111.5 / 112 = 0.9955 source px: between the two columns
    expect(px(out, S, 111, 0)[0]).toBeCloseTo((111.5 / 112 - 0.5) * 100, 4);
    // monotone ramp across the middle
    const row = Array.from({ length: S }, (_, x) => px(out, S, x, 100)[0]);
    for (let x = 1; x < S; x++) expect(row[x]).toBeGreaterThanOrEqual(row[x - 1]);
  });

  it("keeps a constant image constant at any size", () => {
    for (const [w, h] of [[300, 225], [37, 500], [1000, 999], [5, 3]]) {
      const out = resizeCenterCrop(rgbImage(w, h, () => [10, 120, 240]));
      [10, 120, 240].forEach((v, c) => {
        const [lo, hi] = minMax(out.filter((_, i) => i % 3 === c));
        expect(lo).toBeCloseTo(v, 4);
        expect(hi).toBeCloseTo(v, 4);
      });
    }
  });

  it("treats grey as R=G=B and flattens alpha onto white", () => {
    const w = 30,
      h = 20;
    const grey = new Uint8Array(w * h).map((_, i) => (i * 13) % 256);
    const rgb = new Uint8Array(w * h * 3).map((_, i) => grey[Math.floor(i / 3)]);
    expect(mismatches(resizeCenterCrop({ width: w, height: h, data: grey }), resizeCenterCrop({ width: w, height: h, data: rgb }))).toBe(0);

    const opaque = new Uint8ClampedArray(w * h * 4).map((_, i) => (i % 4 === 3 ? 255 : rgb[Math.floor(i / 4) * 3 + (i % 4)]));
    expect(mismatches(resizeCenterCrop({ width: w, height: h, data: opaque }), resizeCenterCrop({ width: w, height: h, data: rgb }))).toBe(0);

    const transparent = new Uint8ClampedArray(w * h * 4).map((_, i) => (i % 4 === 3 ? 0 : 17));
    expect(Array.from(new Set(resizeCenterCrop({ width: w, height: h, data: transparent })))).toEqual([255]);

    const half = new Uint8Array(w * h * 2).map((_, i) => (i % 2 === 0 ? 0 : 51)); // black at alpha 0.2
    const out = resizeCenterCrop({ width: w, height: h, data: half, channels: 2 });
    expect(out[0]).toBeCloseTo(255 * 0.8, 4);
  });

  it("does not modify its input and is deterministic", () => {
    const img = rgbImage(123, 77, (x, y) => [(x * y) % 256, x % 256, y % 256]);
    const copy = img.data.slice();
    const a = resizeCenterCrop(img);
    const b = resizeCenterCrop(img);
    expect(mismatches(img.data, copy)).toBe(0);
    expect(mismatches(a, b)).toBe(0);
  });

  it("rejects a buffer that does not match the size", () => {
    expect(() => resizeCenterCrop({ width: 10, height: 10, data: new Uint8Array(299) })).toThrow(ImageInputError);
    expect(() => resizeCenterCrop({ width: 0, height: 10, data: new Uint8Array(0) })).toThrow(/Invalid image size/);
    const tooLong = () => resizeCenterCrop({ width: 10, height: 10, data: new Uint8Array(500) });
    expect(tooLong).toThrow(ImageInputError);
    expect(tooLong).toThrow(expect.objectContaining({ code: "invalid_pixels", kind: "invalid_input" }));
  });
});

describe("scaling to [-1, 1]", () => {
  it("maps 0 -> -1, 127.5 -> 0, 255 -> 1 as x / 127.5 - 1", () => {
    expect(Array.from(scaleToUnitRange(new Float32Array([0, 127.5, 255, 51])))).toEqual([-1, 0, 1, Math.fround(51 / 127.5 - 1)]);
  });

  it("preprocess = resize + scale, 224 * 224 * 3 float32 in [-1, 1]", () => {
    const img = rgbImage(64, 48, (x, y) => [x * 4, y * 5, 255 - x]);
    const out = preprocess(img);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(S * S * 3);
    const ref = resizeCenterCrop(img);
    let mismatches = 0;
    for (let i = 0; i < out.length; i++) if (out[i] !== Math.fround(ref[i] / 127.5 - 1)) mismatches++;
    expect(mismatches).toBe(0);
    const [lo, hi] = minMax(out);
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(1);
  });
});
