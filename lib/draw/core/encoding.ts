/**
 * The two token encodings of the original post.
 *  - pixels8: an 8x8 icon as the positions (0..63, row-major, ascending) of its ink pixels, then END.
 *  - scanlines32: a 32x32 bitmap line by line: the x positions (0..31, ascending) of each line's
 *    ink, then EOL; END after the last non-empty line's EOL (trailing empty lines dropped).
 * Each encoding also has a START token, fed to the network as its first input and never emitted.
 */
import { emptyBitmap, type Bitmap } from "./bitmap";

export type EncodingName = "pixels8" | "scanlines32";

export interface Encoding {
  name: EncodingName;
  size: number;
  /** Tokens the model can emit (positions + control tokens). */
  outputVocab: number;
  /** The input-only start token (= outputVocab). */
  start: number;
  end: number;
  encode(b: Bitmap): number[];
  /** Tokens (without START) -> bitmap, or null when the sequence is not a valid drawing. */
  decode(tokens: readonly number[]): Bitmap | null;
  /** Whether `next` can follow `prefix` in some valid sequence (lets a sampler stop a bad sample early). */
  accepts(prefix: readonly number[], next: number): boolean;
  /** Longest valid sequence, END included. */
  maxLength: number;
}

const pixels8: Encoding = {
  name: "pixels8",
  size: 8,
  outputVocab: 65,
  start: 65,
  end: 64,
  encode(b) {
    const out: number[] = [];
    b.pixels.forEach((p, i) => {
      if (p) out.push(i);
    });
    out.push(64);
    return out;
  },
  decode(tokens) {
    const b = emptyBitmap(8);
    let last = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === 64) return i === tokens.length - 1 ? b : null;
      // ascending positions only: a repeat or a step back is not a drawing the encoder makes
      if (!Number.isInteger(t) || t < 0 || t > 63 || t <= last) return null;
      b.pixels[t] = 1;
      last = t;
    }
    return null; // no END
  },
  accepts(prefix, next) {
    if (next === 64) return true;
    return next >= 0 && next < 64 && (prefix.length === 0 || next > prefix[prefix.length - 1]);
  },
  maxLength: 65,
};

const EOL = 32;
const END = 33;

const scanlines32: Encoding = {
  name: "scanlines32",
  size: 32,
  outputVocab: 34,
  start: 34,
  end: END,
  encode(b) {
    let lastLine = -1;
    for (let y = 0; y < 32; y++) if (b.pixels.subarray(y * 32, y * 32 + 32).some((p) => p)) lastLine = y;
    const out: number[] = [];
    for (let y = 0; y <= lastLine; y++) {
      for (let x = 0; x < 32; x++) if (b.pixels[y * 32 + x]) out.push(x);
      out.push(EOL);
    }
    out.push(END);
    return out;
  },
  decode(tokens) {
    const b = emptyBitmap(32);
    let y = 0;
    let last = -1;
    let lineHasInk = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === END) {
        // END follows an EOL whose line had ink (trailing empty lines are dropped), or stands alone
        const ok = i === tokens.length - 1 && (i === 0 || (tokens[i - 1] === EOL && lineHasInk));
        return ok ? b : null;
      }
      if (t === EOL) {
        if (y >= 32) return null;
        lineHasInk = last >= 0;
        y++;
        last = -1;
        continue;
      }
      if (!Number.isInteger(t) || t < 0 || t > 31 || t <= last || y >= 32) return null;
      b.pixels[y * 32 + t] = 1;
      last = t;
    }
    return null;
  },
  accepts(prefix, next) {
    let lines = 0;
    for (const t of prefix) if (t === EOL) lines++;
    const prev = prefix.length ? prefix[prefix.length - 1] : -1;
    if (next === END) {
      if (prefix.length === 0) return true;
      if (prev !== EOL) return false;
      const before = prefix.length >= 2 ? prefix[prefix.length - 2] : -1;
      return before >= 0 && before < 32; // the last line had ink
    }
    if (next === EOL) return lines < 32;
    if (next < 0 || next > 31 || lines >= 32) return false;
    return prev === -1 || prev === EOL || next > prev;
  },
  maxLength: 32 * 33 + 1,
};

export const ENCODINGS: Record<EncodingName, Encoding> = { pixels8, scanlines32 };
