/**
 * Side input for the 32x32 scanline models: where the drawing is, fed next to each input
 * token. A scanline LSTM otherwise has to count end-of-line tokens to know its row and
 * remember the whole row above across ~6 tokens to continue a stroke; under-trained, it
 * forgets both and its samples thin out and stop early. The context is a pure function of
 * the tokens so far, so training (teacher forcing) and sampling compute it the same way.
 * Layout (130 floats): one-hot of the row (0..31, 32 = past the last), the row above's ink,
 * the row above's ink right of the last x drawn on this row (where the stroke goes next), and
 * one-hot of the rows left until the bottom margin would equal the top margin (the renderer
 * centres every drawing, so that is where it ends; 32 = no ink yet). The last one is a
 * dependency of ~150 tokens, beyond what truncated backpropagation (50-token windows) can
 * teach the network to remember by itself.
 */
import type { EncodingName } from "./encoding";

export interface StepContext {
  /** Follow the sequence by one emitted token. */
  push(token: number): void;
  /** Write the side input for the next step at `out[offset .. offset + size)` (zeros assumed). */
  write(out: Float32Array, offset: number): void;
}

export interface ContextSpec {
  size: number;
  create(): StepContext;
}

const W = 32;
const EOL = 32;

export const SCANLINE_CONTEXT: ContextSpec = {
  size: 33 + 2 * W + 33,
  create() {
    let y = 0;
    let lastX = -1;
    let firstInkRow = -1;
    let above = new Uint8Array(W);
    let current = new Uint8Array(W);
    return {
      push(token) {
        if (token === EOL) {
          above = current;
          current = new Uint8Array(W);
          y++;
          lastX = -1;
        } else if (token >= 0 && token < W) {
          current[token] = 1;
          lastX = token;
          if (firstInkRow < 0) firstInkRow = y;
        }
      },
      write(out, offset) {
        out[offset + Math.min(y, 32)] = 1;
        for (let x = 0; x < W; x++) {
          if (!above[x]) continue;
          out[offset + 33 + x] = 1;
          if (x > lastX) out[offset + 33 + W + x] = 1;
        }
        // rows left on the mirror of the top margin: -1 (past it) .. 30, one-hot at +1
        const left = firstInkRow < 0 ? -2 : Math.min(30, Math.max(-1, 31 - firstInkRow - y));
        out[offset + 33 + 2 * W + (left === -2 ? 32 : left + 1)] = 1;
      },
    };
  },
};

/** The context a model with `contextSize` > 0 uses for an encoding. */
export function contextFor(encoding: EncodingName, contextSize: number | undefined): ContextSpec | null {
  if (!contextSize) return null;
  if (encoding === "scanlines32" && contextSize === SCANLINE_CONTEXT.size) return SCANLINE_CONTEXT;
  throw new Error(`no ${contextSize}-wide context for the ${encoding} encoding`);
}

/** Side inputs for every step of a sequence fed as START + seq[:-1]: row t holds the context after seq[0..t). */
export function sequenceContext(spec: ContextSpec, seq: readonly number[]): Float32Array {
  const out = new Float32Array(seq.length * spec.size);
  const ctx = spec.create();
  for (let t = 0; t < seq.length; t++) {
    if (t > 0) ctx.push(seq[t - 1]);
    ctx.write(out, t * spec.size);
  }
  return out;
}
