import { describe, expect, it } from "vitest";
import {
  BRUTE_TOTAL,
  bitsToPixels,
  bruteIconsFileSchema,
  bruteQuerySchema,
  countLabels,
  decodeCursor,
  encodeCursor,
  framedBits,
  framedPixels,
  fileOfIcons,
  framePixels,
  iconsOfFile,
  keepConfident,
  pageAfter,
  pixelsToBits,
  upscaleGrids,
} from "@/lib/draw/core/brute";
import { topLabels } from "@/lib/draw/core/brute-classify";

describe("bits <-> pixels", () => {
  it("bit 15 is the top-left pixel, bit 0 the bottom-right, 1 = black", () => {
    expect(Array.from(bitsToPixels(0x8000))).toEqual([1, ...Array(15).fill(0)]);
    expect(Array.from(bitsToPixels(1))).toEqual([...Array(15).fill(0), 1]);
    // top row black: bits 15..12
    expect(Array.from(bitsToPixels(0xf000)).slice(0, 5)).toEqual([1, 1, 1, 1, 0]);
  });

  it("round-trips every 4x4 image", () => {
    for (let bits = 0; bits < BRUTE_TOTAL; bits += 257) expect(pixelsToBits(bitsToPixels(bits))).toBe(bits);
    expect(pixelsToBits(bitsToPixels(BRUTE_TOTAL - 1))).toBe(BRUTE_TOTAL - 1);
  });

  it("refuses bits outside the grid's range", () => {
    expect(() => bitsToPixels(BRUTE_TOTAL)).toThrow(RangeError);
    expect(() => bitsToPixels(-1)).toThrow(RangeError);
    expect(() => bitsToPixels(1.5)).toThrow(RangeError);
  });

  it("7x7 frames keep the border and round-trip through the decimal bits", () => {
    const free = Array.from({ length: 25 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const black = framePixels(free, 1);
    expect(black[0]).toBe(1);
    expect(black[48]).toBe(1);
    expect(black[8]).toBe(free[0]); // (1, 1) is the first free pixel
    expect(framePixels(free, 0)[6]).toBe(0);
    expect(Array.from(framedPixels(framedBits(black)))).toEqual(Array.from(black));
    expect(framedBits(framePixels(Array(25).fill(1), 1))).toBe(String(2 ** 49 - 1));
  });
});

describe("nearest-neighbour upscale", () => {
  it("makes each 4x4 pixel a constant block, black -1 and white 1, on all three channels", () => {
    const size = 8;
    const out = upscaleGrids([bitsToPixels(0x8001)], 4, size);
    expect(out.length).toBe(size * size * 3);
    const at = (y: number, x: number) => Array.from(out.slice((y * size + x) * 3, (y * size + x) * 3 + 3));
    expect(at(0, 0)).toEqual([-1, -1, -1]);
    expect(at(1, 1)).toEqual([-1, -1, -1]);
    expect(at(0, 2)).toEqual([1, 1, 1]);
    expect(at(7, 7)).toEqual([-1, -1, -1]);
    expect(at(6, 5)).toEqual([1, 1, 1]);
  });

  it("handles sizes the grid does not divide and batches", () => {
    const out = upscaleGrids([bitsToPixels(0, 4), bitsToPixels(0xffff, 4)], 4, 10);
    expect(out.slice(0, 300).every((v) => v === 1)).toBe(true);
    expect(out.slice(300).every((v) => v === -1)).toBe(true);
  });
});

describe("threshold filter and label counts", () => {
  const labels = ["a", "b", "c"];
  it("keeps images strictly above the threshold, numbered from the first bits", () => {
    const tops = [{ label: 0, probability: 0.25 }, { label: 1, probability: 0.26 }, undefined, { label: 2, probability: 0.9 }];
    expect(keepConfident(tops, labels, 0.25, 100)).toEqual([
      { bits: 101, label: "b", probability: 0.26 },
      { bits: 103, label: "c", probability: 0.9 },
    ]);
  });

  it("top labels pick each row's argmax", () => {
    expect(topLabels([0.1, 0.7, 0.2, 0.5, 0.2, 0.3], 3)).toEqual([
      { label: 1, probability: 0.7 },
      { label: 0, probability: 0.5 },
    ]);
  });

  it("counts labels, most icons first, ties by name", () => {
    expect(countLabels([{ label: "b" }, { label: "a" }, { label: "b" }, { label: "c" }])).toEqual([
      { label: "b", count: 2 },
      { label: "a", count: 1 },
      { label: "c", count: 1 },
    ]);
  });
});

describe("cursor paging", () => {
  const icons = [0.9, 0.8, 0.8, 0.8, 0.5, 0.3].map((probability, i) => ({ bits: [7, 3, 5, 9, 1, 2][i], probability }));
  icons.sort((a, b) => b.probability - a.probability || a.bits - b.bits);

  it("pages through everything exactly once, ties included", () => {
    const seen: number[] = [];
    let cursor = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: ReturnType<typeof pageAfter<(typeof icons)[number]>> = pageAfter(icons, 2, cursor);
      seen.push(...page.items.map((i) => i.bits));
      if (!page.next) break;
      cursor = decodeCursor(encodeCursor(page.next));
    }
    expect(seen).toEqual(icons.map((i) => i.bits));
  });

  it("returns no next cursor on the last page", () => {
    expect(pageAfter(icons, 6, null).next).toBeNull();
    expect(pageAfter(icons, 5, null).next).not.toBeNull();
  });

  it("decodes only cursors it made", () => {
    expect(decodeCursor(encodeCursor({ probability: 0.123456789, bits: 65535 }))).toEqual({ probability: 0.123456789, bits: 65535 });
    for (const bad of ["", "x", "0.5", "2:1", "0.5:65536", "0.5:-1", "0.5:1:2", "NaN:1"]) expect(decodeCursor(bad)).toBeNull();
  });

  it("the query schema bounds limit to 1..500 with a default of 100", () => {
    expect(bruteQuerySchema.parse({}).limit).toBe(100);
    expect(bruteQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(bruteQuerySchema.safeParse({ limit: "501" }).success).toBe(false);
    expect(bruteQuerySchema.safeParse({ limit: "1e2" }).success).toBe(false);
    expect(bruteQuerySchema.parse({ limit: "500", label: " digital clock " })).toMatchObject({ limit: 500, label: "digital clock" });
  });
});

describe("icons.json columns", () => {
  it("round-trip the icons and are checked for consistent lengths and label indexes", () => {
    const set = {
      inputSize: 160,
      threshold: 0.25,
      classified: 65536,
      icons: [
        { bits: 5, label: "wall clock", probability: 0.5 },
        { bits: 9, label: "envelope", probability: 0.9 },
        { bits: 11, label: "wall clock", probability: 0.3 },
      ],
    };
    const file = bruteIconsFileSchema.parse(JSON.parse(JSON.stringify(fileOfIcons(set, "test"))));
    expect(file.labels).toEqual(["envelope", "wall clock"]);
    expect(iconsOfFile(file)).toEqual(set);
    expect(bruteIconsFileSchema.safeParse({ ...file, label: [0, 1] }).success).toBe(false);
    expect(bruteIconsFileSchema.safeParse({ ...file, label: [0, 1, 2] }).success).toBe(false);
  });
});
