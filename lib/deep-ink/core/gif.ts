/**
 * A run as an animated GIF (gifenc): black and white frames, one per step from the start
 * blob to the final drawing, the last frame held longer. Browser-safe (pure JS), used by
 * the page's download and the CLI alike.
 */
import * as gifenc from "gifenc";
import { applyFlips, type RunState } from "./ink";

export interface GifOptions {
  /** Milliseconds per frame (default 40). */
  delay?: number;
  /** Milliseconds the last frame stays (default 1500). */
  holdLast?: number;
  /** Keep every n-th step as a frame (default 1); the start and the last frame are always kept. */
  every?: number;
  /** Pixels per drawing pixel (default 1). */
  scale?: number;
}

// gifenc ships an ES module (bundlers) and a CommonJS build whose named exports Node's ESM
// loader cannot see (there `default` is the whole exports object): take it from either.
const GIFEncoder: typeof gifenc.GIFEncoder =
  (gifenc as { GIFEncoder?: typeof gifenc.GIFEncoder }).GIFEncoder ??
  (gifenc.default as unknown as { GIFEncoder: typeof gifenc.GIFEncoder }).GIFEncoder;

/** White = palette index 0, black = 1. */
const PALETTE = [
  [255, 255, 255],
  [0, 0, 0],
];

function scaled(bits: Uint8Array, size: number, scale: number): Uint8Array {
  if (scale === 1) return bits;
  const out = new Uint8Array(size * scale * size * scale);
  const w = size * scale;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!bits[y * size + x]) continue;
      for (let dy = 0; dy < scale; dy++) out.fill(1, (y * scale + dy) * w + x * scale, (y * scale + dy) * w + x * scale + scale);
    }
  }
  return out;
}

/** Number of frames encodeRunGif writes for `steps` steps. */
export function gifFrameCount(steps: number, every = 1): number {
  let n = 1; // start
  for (let s = 1; s <= steps; s++) if (s % every === 0 || s === steps) n++;
  return n;
}

/** Encodes the run's frames (start, then after every `every`-th step and the last step). */
export function encodeRunGif(run: Pick<RunState, "start" | "flips" | "options">, options: GifOptions = {}): Uint8Array {
  const { delay = 40, holdLast = 1500, every = 1, scale = 1 } = options;
  const size = run.options.size;
  const side = size * scale;
  const gif = GIFEncoder();
  const bits = run.start.slice();
  const steps = run.flips.length;
  gif.writeFrame(scaled(bits, size, scale), side, side, { palette: PALETTE, delay: steps === 0 ? holdLast : delay, repeat: 0 });
  for (let s = 1; s <= steps; s++) {
    applyFlips(bits, run.flips[s - 1]);
    if (s % every !== 0 && s !== steps) continue;
    gif.writeFrame(scaled(bits, size, scale), side, side, { delay: s === steps ? holdLast : delay });
  }
  gif.finish();
  return gif.bytes();
}
