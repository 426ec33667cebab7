/**
 * Brute-forced icons: tiny black-and-white grids (4x4, and 7x7 = 5x5 free pixels inside a
 * fixed one-pixel border) as integers, their nearest-neighbour upscale to the classifier's
 * input, and the shapes the API and the page share. Pure and browser-safe.
 *
 * Bit order (the API's): row-major, the top-left pixel is the most significant bit
 * (bit n*n - 1), 1 = black. So for 4x4, 0x8000 is a lone black pixel top-left, 0 all white.
 */
import { z } from "zod";
import { queryInt } from "@/lib/api/query-schema";

export const BRUTE_GRID = 4;
export const BRUTE_PIXELS = BRUTE_GRID * BRUTE_GRID;
/** All 4x4 black/white images. */
export const BRUTE_TOTAL = 2 ** BRUTE_PIXELS;

/**
 * Classifier input side used for the exhaustive run: the network's own 224 (each 4x4 pixel a
 * 56 px block). bench/draw-brute.ts: 33.8 images per CPU-second, so all 65,536 take 16 min
 * on two free cores (19.5 min measured with other work on the machine). Smaller inputs are
 * faster but change the labels (160 px: the same top label for 40% of the images).
 */
export const BRUTE_INPUT_SIZE = 224;
/** Kept when the top label's probability is above this (the original post kept > 0.25). */
export const BRUTE_THRESHOLD = 0.25;

/** 7x7: a fixed border one pixel wide around 5x5 free pixels. */
export const FRAMED_GRID = 7;
export const FRAMED_FREE = 5;
/** 7 divides it, so each pixel is a whole 32 px block, at the network's own 224. */
export const FRAMED_INPUT_SIZE = 224;

/** One cell per pixel, row-major, 1 = black. */
export function bitsToPixels(bits: number, grid: number = BRUTE_GRID): Uint8Array {
  const n = grid * grid;
  checkBits(bits, n);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(bits / 2 ** (n - 1 - i)) % 2;
  return out;
}

export function pixelsToBits(pixels: ArrayLike<number>): number {
  let bits = 0;
  for (let i = 0; i < pixels.length; i++) bits = bits * 2 + (pixels[i] ? 1 : 0);
  return bits;
}

function checkBits(bits: number, n: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits >= 2 ** n) throw new RangeError(`bits ${bits} is not an integer in 0..${2 ** n - 1}`);
}

/**
 * Nearest-neighbour upscale of square black/white grids (each a row-major 0/1 array) to
 * `size` x `size` RGB, already in the classifier's [-1, 1] range (black 0 -> -1, white
 * 255 -> 1): (count, size, size, 3) values, row-major HWC. Output pixel (y, x) takes grid
 * cell (floor(y * grid / size), floor(x * grid / size)).
 */
export function upscaleGrids(grids: readonly ArrayLike<number>[], grid: number, size: number): Float32Array {
  const out = new Float32Array(grids.length * size * size * 3);
  const cellOf = new Int32Array(size);
  for (let i = 0; i < size; i++) cellOf[i] = Math.floor((i * grid) / size);
  let o = 0;
  for (const pixels of grids) {
    if (pixels.length !== grid * grid) throw new RangeError(`a ${grid}x${grid} grid has ${grid * grid} pixels, got ${pixels.length}`);
    for (let y = 0; y < size; y++) {
      const row = cellOf[y] * grid;
      for (let x = 0; x < size; x++) {
        const v = pixels[row + cellOf[x]] ? -1 : 1;
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        o += 3;
      }
    }
  }
  return out;
}

/** 7x7 pixels from the 25 free ones (row-major 0/1) and the border colour. */
export function framePixels(free: ArrayLike<number>, border: 0 | 1): Uint8Array {
  if (free.length !== FRAMED_FREE * FRAMED_FREE) throw new RangeError(`expected ${FRAMED_FREE * FRAMED_FREE} free pixels, got ${free.length}`);
  const out = new Uint8Array(FRAMED_GRID * FRAMED_GRID).fill(border);
  for (let y = 0; y < FRAMED_FREE; y++) {
    for (let x = 0; x < FRAMED_FREE; x++) out[(y + 1) * FRAMED_GRID + x + 1] = free[y * FRAMED_FREE + x] ? 1 : 0;
  }
  return out;
}

// ------------------------------------------------------------------ results

/** The top label of one image. */
export interface TopLabel {
  /** Index into the 1,000 ImageNet labels. */
  label: number;
  probability: number;
}

export interface BruteIcon {
  bits: number;
  label: string;
  probability: number;
}

/** Images whose top label clears `threshold` (strictly above), in `bits` order. */
export function keepConfident(
  tops: readonly (TopLabel | undefined)[],
  labels: readonly string[],
  threshold: number,
  firstBits = 0,
): BruteIcon[] {
  const kept: BruteIcon[] = [];
  tops.forEach((t, i) => {
    if (t && t.probability > threshold) kept.push({ bits: firstBits + i, label: labels[t.label], probability: t.probability });
  });
  return kept;
}

/** Labels with their icon counts, most icons first, then by name. */
export function countLabels(icons: readonly { label: string }[]): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const icon of icons) counts.set(icon.label, (counts.get(icon.label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The short name of an ImageNet label: "loudspeaker, speaker, ..." -> "loudspeaker". */
export function shortLabel(label: string): string {
  return label.split(",")[0].trim();
}

// ------------------------------------------------------------------ committed files

/**
 * data/draw/brute/icons.json: the kept 4x4 icons, column-wise to stay small (~20 bytes an
 * icon): icon i is bits[i], labels[label[i]], probability[i].
 */
export const bruteIconsFileSchema = z
  .object({
    generatedBy: z.string(),
    inputSize: z.number().int(),
    threshold: z.number(),
    /** How many of the 65,536 images were classified (all of them in a finished run). */
    classified: z.number().int(),
    labels: z.array(z.string()),
    bits: z.array(z.number().int().min(0).max(BRUTE_TOTAL - 1)),
    label: z.array(z.number().int().min(0)),
    probability: z.array(z.number()),
  })
  .refine((f) => f.label.length === f.bits.length && f.probability.length === f.bits.length, "bits, label and probability differ in length")
  .refine((f) => f.label.every((l) => l < f.labels.length), "a label index is out of range");
export type BruteIconsFile = z.infer<typeof bruteIconsFileSchema>;

/** The run's settings and its icons as objects. */
export interface BruteIconSet {
  inputSize: number;
  threshold: number;
  classified: number;
  icons: BruteIcon[];
}

export function iconsOfFile(file: BruteIconsFile): BruteIconSet {
  return {
    inputSize: file.inputSize,
    threshold: file.threshold,
    classified: file.classified,
    icons: file.bits.map((bits, i) => ({ bits, label: file.labels[file.label[i]], probability: file.probability[i] })),
  };
}

export function fileOfIcons(set: BruteIconSet, generatedBy: string): BruteIconsFile {
  const labels = [...new Set(set.icons.map((i) => i.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  return {
    generatedBy,
    inputSize: set.inputSize,
    threshold: set.threshold,
    classified: set.classified,
    labels,
    bits: set.icons.map((i) => i.bits),
    label: set.icons.map((i) => index.get(i.label)!),
    probability: set.icons.map((i) => i.probability),
  };
}

/** data/draw/brute/framed.json: the 7x7 search's best find per label. */
export const framedFindSchema = z.object({
  /** 49 bits, row-major, top-left most significant, 1 = black (as a decimal string: it does not fit 32 bits). */
  bits: z.string().regex(/^\d+$/),
  label: z.string(),
  probability: z.number(),
});
export type FramedFind = z.infer<typeof framedFindSchema>;

export const framedFileSchema = z.object({
  generatedBy: z.string(),
  inputSize: z.number().int(),
  border: z.enum(["black", "white"]),
  seed: z.number().int(),
  restarts: z.number().int(),
  evaluations: z.number().int(),
  finds: z.array(framedFindSchema),
});
export type FramedFile = z.infer<typeof framedFileSchema>;

/** A 7x7 find's bits (decimal string) -> 49 pixels. */
export function framedPixels(bits: string): Uint8Array {
  let v = BigInt(bits);
  const out = new Uint8Array(FRAMED_GRID * FRAMED_GRID);
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(v & 1n);
    v >>= 1n;
  }
  return out;
}

export function framedBits(pixels: ArrayLike<number>): string {
  let v = 0n;
  for (let i = 0; i < pixels.length; i++) v = v * 2n + (pixels[i] ? 1n : 0n);
  return v.toString();
}

// ------------------------------------------------------------------ API

export const BRUTE_LIMIT_MAX = 500;
export const BRUTE_LIMIT_DEFAULT = 100;

export const bruteQuerySchema = z.object({
  label: z.string().trim().min(1).max(200).optional(),
  limit: queryInt({ min: 1, max: BRUTE_LIMIT_MAX }).default(BRUTE_LIMIT_DEFAULT),
  cursor: z.string().max(100).optional(),
});
export type BruteQuery = z.infer<typeof bruteQuerySchema>;

export const bruteResponseSchema = z.object({
  total: z.number().int(),
  threshold: z.number(),
  inputSize: z.number().int(),
  labels: z.array(z.object({ label: z.string(), count: z.number().int() })),
  icons: z.array(z.object({ bits: z.number().int(), label: z.string(), probability: z.number() })),
  nextCursor: z.string().nullable(),
});
export type BruteResponse = z.infer<typeof bruteResponseSchema>;

/**
 * Paging order: most confident first, ties by bits. A cursor is the last icon of a page
 * ("<probability>:<bits>", opaque to clients); the next page starts strictly after it.
 */
export interface BruteCursor {
  probability: number;
  bits: number;
}

export function encodeCursor(c: BruteCursor): string {
  return `${c.probability}:${c.bits}`;
}

/** null when the string is not a cursor this API made. */
export function decodeCursor(s: string): BruteCursor | null {
  const m = /^(\d(?:\.\d+)?(?:e-\d+)?):(\d{1,5})$/.exec(s);
  if (!m) return null;
  const probability = Number(m[1]);
  const bits = Number(m[2]);
  if (!(probability >= 0 && probability <= 1) || bits >= BRUTE_TOTAL) return null;
  return { probability, bits };
}

/** a comes before b in paging order. */
export function comesBefore(a: BruteCursor, b: BruteCursor): boolean {
  return a.probability > b.probability || (a.probability === b.probability && a.bits < b.bits);
}

/** One page of `sorted` (paging order) after `cursor`. */
export function pageAfter<T extends BruteCursor>(sorted: readonly T[], limit: number, cursor: BruteCursor | null): { items: T[]; next: BruteCursor | null } {
  let start = 0;
  if (cursor) {
    // binary search: first item that comes after the cursor
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comesBefore(cursor, sorted[mid])) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const next = start + limit < sorted.length && last ? { probability: last.probability, bits: last.bits } : null;
  return { items, next };
}
