import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { encodeRunGif, gifFrameCount } from "@/lib/deep-ink/core/gif";
import { advanceRun, applyFlips, bitsToRows, chooseFlips, createRun, frameAt, inkFraction, isOnInkEdge, startImage, summarizeRun } from "@/lib/deep-ink/core/ink";
import { resolveOptions } from "@/lib/deep-ink/core/options";
import { createRng } from "@/lib/ml/rng";

describe("startImage", () => {
  it("white with a centred blob of about the asked diameter; the seed changes its edge", () => {
    const a = startImage(64, 12, 1);
    const area = inkFraction(a) * 64 * 64;
    expect(area).toBeGreaterThan(Math.PI * 36 * 0.6);
    expect(area).toBeLessThan(Math.PI * 36 * 1.5);
    expect(a[0]).toBe(0);
    expect(a[32 * 64 + 32]).toBe(1);
    expect(startImage(64, 12, 2)).not.toEqual(a);
    expect(startImage(64, 12, 1)).toEqual(a);
    expect(inkFraction(startImage(32, 1, 5))).toBeGreaterThan(0);
  });
});

describe("chooseFlips", () => {
  const size = 16;
  const bits = startImage(size, 6, 3);
  const rng = createRng(9);
  const gradient = Float32Array.from({ length: size * size }, () => rng.gaussian());
  const gain = (p: number) => (bits[p] ? gradient[p] : -gradient[p]);

  it("never flips more than allowed, only pixels whose flip raises the activation, best first", () => {
    for (const k of [1, 5, 20, 1000]) {
      const flips = chooseFlips(bits, gradient, k, true);
      expect(flips.length).toBeLessThanOrEqual(k);
      for (const p of flips) expect(gain(p)).toBeGreaterThan(0);
      for (let i = 1; i < flips.length; i++) expect(gain(flips[i - 1])).toBeGreaterThanOrEqual(gain(flips[i]));
    }
    // all favoured pixels when k is large
    const favoured = Array.from(bits.keys()).filter((p) => gain(p) > 0);
    expect(chooseFlips(bits, gradient, 1000, true).length).toBe(favoured.length);
    // and they are the best ones: no unchosen pixel beats the worst chosen
    const five = chooseFlips(bits, gradient, 5, true);
    const worst = gain(five[4]);
    expect(favoured.filter((p) => !five.includes(p) && gain(p) > worst)).toEqual([]);
  });

  it("white -> black where the gradient is negative, black -> white where it is positive", () => {
    const b = new Uint8Array([0, 1, 0, 1]);
    const g = new Float32Array([-1, 1, 1, -1]);
    expect(Array.from(chooseFlips(b, g, 4, true)).sort()).toEqual([0, 1]);
  });

  it("by default only pixels on the ink's edge flip", () => {
    const flips = chooseFlips(bits, gradient, 1000);
    expect(flips.length).toBeGreaterThan(0);
    for (const p of flips) expect(isOnInkEdge(bits, size, p)).toBe(true);
    // a far-away white pixel with the strongest pull is not taken
    const g = new Float32Array(size * size);
    g[0] = -100;
    expect(Array.from(chooseFlips(bits, g, 10))).toEqual([]);
    expect(Array.from(chooseFlips(bits, g, 10, true))).toEqual([0]);
  });
});

describe("cooldown", () => {
  it("a pixel that flipped rests for `cooldown` steps, then may flip again", () => {
    // one pixel whose gradient always favours flipping it, wherever it is
    const options = resolveOptions({ size: 32, blob: 8, flipsPerStep: 1, steps: 20, cooldown: 3, anywhere: true });
    const run = createRun(options);
    const always = (bits: Uint8Array) => {
      const g = new Float32Array(32 * 32);
      g[0] = bits[0] ? 1 : -1; // flipping pixel 0 always gains
      g[1] = bits[1] ? 0.5 : -0.5; // pixel 1 gains less
      return g;
    };
    const flipped: number[] = [];
    for (let s = 0; s < 8; s++) flipped.push(advanceRun(run, 0, always(run.bits))[0]);
    // step 1 takes pixel 0; it rests in steps 2-4 (pixel 1 then, resting in 3-5), ...
    expect(flipped).toEqual([0, 1, -1, -1, 0, 1, -1, -1].map((p) => (p < 0 ? undefined : p)));
    const none = createRun({ ...options, cooldown: 0 });
    const plain: number[] = [];
    for (let s = 0; s < 4; s++) plain.push(advanceRun(none, 0, always(none.bits))[0]);
    expect(plain).toEqual([0, 0, 0, 0]);
  });
});

describe("run state and outputs", () => {
  const options = resolveOptions({ size: 32, blob: 8, flipsPerStep: 4, steps: 3 });
  const run = createRun(options);
  const rng = createRng(1);
  for (let s = 0; s < 3; s++) advanceRun(run, s * 0.5, Float32Array.from({ length: 32 * 32 }, () => rng.gaussian()));

  it("records steps and rebuilds any frame from the flips", () => {
    expect(run.steps.map((s) => s.activation)).toEqual([0, 0.5, 1]);
    expect(run.steps.every((s) => s.flipped <= 4)).toBe(true);
    expect(frameAt(run, 0)).toEqual(run.start);
    expect(frameAt(run, 3)).toEqual(run.bits);
    const two = run.start.slice();
    applyFlips(two, run.flips[0]);
    applyFlips(two, run.flips[1]);
    expect(frameAt(run, 2)).toEqual(two);
  });

  it("the JSON summary has the documented shape", () => {
    const s = summarizeRun(run);
    expect(Object.keys(s)).toEqual(["layer", "channel", "size", "black", "white", "steps", "final"]);
    expect(s.final.rows).toHaveLength(32);
    expect(s.final.rows.every((r) => /^[01]{32}$/.test(r))).toBe(true);
    expect(s.final.rows.join("").split("").filter((c) => c === "1").length).toBe(Math.round(inkFraction(run.bits) * 1024));
    expect(bitsToRows(new Uint8Array([1, 0, 0, 1]), 2)).toEqual(["10", "01"]);
  });

  it("the GIF decodes to one frame per step plus the start, at the run's size", async () => {
    const gif = encodeRunGif(run);
    const meta = await sharp(gif, { animated: true }).metadata();
    expect(meta.format).toBe("gif");
    expect(meta.pages).toBe(4);
    expect(gifFrameCount(3)).toBe(4);
    expect([meta.width, meta.pageHeight]).toEqual([32, 32]);
    // the last frame is the final drawing
    const { data, info } = await sharp(gif, { page: 3 }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const channels = info.channels;
    const decoded = Uint8Array.from({ length: 32 * 32 }, (_, i) => (data[i * channels] < 128 ? 1 : 0));
    expect(decoded).toEqual(run.bits);
    // every 2nd step + scale 3
    const sparse = await sharp(encodeRunGif(run, { every: 2, scale: 3 }), { animated: true }).metadata();
    expect(sparse.pages).toBe(gifFrameCount(3, 2));
    expect(sparse.width).toBe(96);
  });
});
