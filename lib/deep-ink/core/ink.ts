/**
 * Deep Ink's pure parts: the start image (white with a seeded ink blob in the middle), the
 * flip rule, and the run state. An image is a bitmap, one byte per pixel, 1 = black,
 * row-major. Browser-safe, no tfjs: the gradient comes in as a Float32Array.
 */
import { createRng } from "@/lib/ml/rng";
import { TopK } from "@/lib/ml/top-k";
import type { DeepInkOptions } from "./options";

/**
 * White `size` x `size` image with a blob of ink of diameter `blob` in the centre: a disc
 * whose edge wobbles with the seed (a few random low harmonics of the radius), so each seed
 * starts from a slightly different bubble.
 */
export function startImage(size: number, blob: number, seed: number): Uint8Array {
  const bits = new Uint8Array(size * size);
  const rng = createRng(seed);
  const harmonics = [2, 3, 5].map((k) => ({ k, amp: 0.12 * rng.next(), phase: 2 * Math.PI * rng.next() }));
  const r0 = blob / 2;
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x - c;
      const dy = y - c;
      const angle = Math.atan2(dy, dx);
      let r = r0;
      for (const h of harmonics) r += r0 * h.amp * Math.sin(h.k * angle + h.phase);
      if (dx * dx + dy * dy <= r * r) bits[y * size + x] = 1;
    }
  }
  // at least the centre pixel, so even blob 1 starts with ink
  bits[Math.floor(c) * size + Math.floor(c)] = 1;
  return bits;
}

/**
 * Pixels on the ink's edge: those with a 4-neighbour of the other colour. With `anywhere`
 * false a drawing only flips these, so the ink spreads from the blob; without the rule the
 * strongest gradients sit at the image border (the network zero-pads every layer, which it
 * sees as an edge) and the network draws a frame instead.
 */
export function isOnInkEdge(bits: Uint8Array, size: number, p: number): boolean {
  const v = bits[p];
  const x = p % size;
  return (
    (x > 0 && bits[p - 1] !== v) ||
    (x < size - 1 && bits[p + 1] !== v) ||
    (p >= size && bits[p - size] !== v) ||
    (p + size < bits.length && bits[p + size] !== v)
  );
}

/**
 * The flip rule. `gradient[p]` is d(activation)/d(input value of pixel p) (summed over the
 * colour channels). Turning a white pixel black changes its input by (black - white), so
 * its first-order gain is -gradient[p] * (white - black); black to white gains
 * +gradient[p] * (white - black). Returns the indices of at most `maxFlips` pixels with the
 * largest positive gains, best first (ties: lower index first). Pixels whose flip would not
 * raise the activation are never chosen; unless `anywhere`, only pixels on the ink's edge
 * (isOnInkEdge) are candidates, and `resting` pixels never are.
 */
export function chooseFlips(
  bits: Uint8Array,
  gradient: ArrayLike<number>,
  maxFlips: number,
  anywhere = false,
  /** Pixels that may not flip now (e.g. flipped in the last few steps); undefined = none. */
  resting?: (p: number) => boolean,
): Int32Array {
  if (gradient.length !== bits.length) throw new Error(`gradient has ${gradient.length} values for ${bits.length} pixels`);
  const size = Math.round(Math.sqrt(bits.length));
  if (size * size !== bits.length) throw new Error(`image of ${bits.length} pixels is not square`);
  // TopK keeps the k smallest: offer -gain, so the largest gains stay.
  const top = new TopK(Math.max(0, Math.min(maxFlips, bits.length)));
  for (let p = 0; p < bits.length; p++) {
    const gain = bits[p] ? gradient[p] : -gradient[p];
    if (gain > 0 && -gain < top.worst && (anywhere || isOnInkEdge(bits, size, p)) && !resting?.(p)) top.offer(-gain, p);
  }
  return Int32Array.from(top.sorted().map((e) => e.index));
}

/** Flips the given pixels in place. */
export function applyFlips(bits: Uint8Array, flips: ArrayLike<number>): void {
  for (let i = 0; i < flips.length; i++) bits[flips[i]] ^= 1;
}

/** Fraction of black pixels. */
export function inkFraction(bits: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += bits[i];
  return bits.length ? n / bits.length : 0;
}

/** One step of a run: the activation before the step's flips, and how many pixels flipped. */
export interface StepRecord {
  activation: number;
  flipped: number;
}

/**
 * A run: the start image, the flips of every step (so any frame can be rebuilt), and the
 * activation curve. `bits` is the current frame.
 */
export interface RunState {
  options: DeepInkOptions;
  start: Uint8Array;
  bits: Uint8Array;
  steps: StepRecord[];
  /** Flipped pixel indices per step. */
  flips: Int32Array[];
  /** Per pixel: the step (1-based) it last flipped in, 0 = never (for the cooldown). */
  lastFlip: Int32Array;
}

export function createRun(options: DeepInkOptions): RunState {
  const start = startImage(options.size, options.blob, options.seed);
  return { options, start, bits: start.slice(), steps: [], flips: [], lastFlip: new Int32Array(start.length) };
}

/**
 * Records one step: the activation at the current frame and the gradient there; flips and
 * returns the flipped indices. A pixel that flipped in the last `cooldown` steps rests:
 * without that, first-order overshoot makes many pixels flip straight back, and most of a
 * step's flips undo the previous step's instead of spreading the ink.
 */
export function advanceRun(run: RunState, activation: number, gradient: ArrayLike<number>): Int32Array {
  const step = run.steps.length + 1;
  const { cooldown } = run.options;
  const resting = cooldown > 0 ? (p: number) => run.lastFlip[p] > 0 && step - run.lastFlip[p] <= cooldown : undefined;
  const flips = chooseFlips(run.bits, gradient, run.options.flipsPerStep, run.options.anywhere, resting);
  applyFlips(run.bits, flips);
  for (const p of flips) run.lastFlip[p] = step;
  run.steps.push({ activation, flipped: flips.length });
  run.flips.push(flips);
  return flips;
}

/** Frame after `step` steps (0 = the start image). */
export function frameAt(run: Pick<RunState, "start" | "flips">, step: number): Uint8Array {
  const bits = run.start.slice();
  for (let i = 0; i < Math.min(step, run.flips.length); i++) applyFlips(bits, run.flips[i]);
  return bits;
}

/** Rows of "0"/"1" characters, 1 = black (the CLI's --json `final.rows`). */
export function bitsToRows(bits: Uint8Array, size: number): string[] {
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = "";
    for (let x = 0; x < size; x++) row += bits[y * size + x] ? "1" : "0";
    rows.push(row);
  }
  return rows;
}

/** The --json summary of a run. */
export interface RunSummary {
  layer: string;
  channel: number;
  size: number;
  black: number;
  white: number;
  steps: StepRecord[];
  final: { rows: string[] };
}

export function summarizeRun(run: RunState): RunSummary {
  const { layer, channel, size, black, white } = run.options;
  return { layer, channel, size, black, white, steps: run.steps, final: { rows: bitsToRows(run.bits, size) } };
}
