/**
 * Pure image preprocessing for MobileNet v1 (browser, web worker and Node alike).
 *
 * Input: a plain pixel buffer `{ width, height, data }` with 1 (grey), 2 (grey +
 * alpha), 3 (RGB) or 4 (RGBA, e.g. canvas ImageData) interleaved 8-bit channels.
 * Output: a Float32Array of 224 * 224 * 3 values, row-major HWC, RGB, in [-1, 1].
 *
 * The exact rule (so that the browser and Node produce bit-identical input from the
 * same pixels - it is only IEEE arithmetic in plain JS, no canvas/GPU resampling):
 *
 * 1. Colour: grey is copied to R, G and B. Alpha is flattened onto white:
 *    c' = c * a/255 + 255 * (1 - a/255).
 * 2. Crop: the centred square of side m = min(width, height), starting at
 *    x0 = (width - m) / 2, y0 = (height - m) / 2 (may be a half pixel).
 * 3. Resize the square to 224 x 224 with a separable triangle ("tent") filter, as
 *    Pillow's BILINEAR resize does: scale = m / 224 source pixels per output pixel;
 *    the filter radius is support = max(1, scale) source pixels (so it is plain
 *    bilinear when enlarging and an antialiasing tent when shrinking). Output pixel i
 *    has its centre at c = x0 + (i + 0.5) * scale (source pixel j covers [j, j+1));
 *    source pixel j gets weight max(0, 1 - |j + 0.5 - c| / support). Only pixels
 *    inside the image are used (pixels just outside the crop square but inside the
 *    image may contribute at the border) and the weights are renormalised to sum
 *    to 1. Horizontal pass first, then vertical, in float64; no rounding to 8 bit.
 * 4. Scale: x / 127.5 - 1, stored as float32.
 *
 * Node decodes with sharp (EXIF rotation and alpha flattening done there, see
 * node.ts) and then calls exactly these functions; the browser should pass the
 * untouched decoded pixels (e.g. `createImageBitmap(file, { imageOrientation:
 * "from-image" })` drawn at natural size into an OffscreenCanvas -> ImageData).
 */
import { ImageInputError } from "./errors";

export const MODEL_INPUT_SIZE = 224;

export interface PixelBuffer {
  width: number;
  height: number;
  /** Interleaved 8-bit channels, row-major. */
  data: Uint8Array | Uint8ClampedArray;
  /** 1, 2, 3 or 4; inferred from data.length / (width * height) when omitted. */
  channels?: number;
}

/** The centred square that is kept, in source pixel coordinates. */
export function centerCropSquare(width: number, height: number): { x0: number; y0: number; size: number } {
  const size = Math.min(width, height);
  return { x0: (width - size) / 2, y0: (height - size) / 2, size };
}

function channelsOf(pixels: PixelBuffer): number {
  const { width, height, data } = pixels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageInputError("invalid_pixels", `Invalid image size ${width}x${height}.`);
  }
  const n = width * height;
  const channels = pixels.channels ?? data.length / n;
  if (![1, 2, 3, 4].includes(channels) || data.length !== n * channels) {
    throw new ImageInputError(
      "invalid_pixels",
      `Pixel buffer of ${data.length} bytes does not match ${width}x${height} with 1-4 channels.`,
    );
  }
  return channels;
}

interface Taps {
  /** first source index per output index */
  start: Int32Array;
  /** number of taps per output index */
  count: Int32Array;
  /** weights, `maxTaps` per output index */
  weights: Float64Array;
  maxTaps: number;
}

/** Triangle-filter taps mapping [offset, offset + span) of a line of `length` pixels to `outSize`. */
function computeTaps(length: number, offset: number, span: number, outSize: number): Taps {
  const scale = span / outSize;
  const support = Math.max(1, scale);
  const maxTaps = Math.ceil(support) * 2 + 2;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const center = offset + (i + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - support));
    const hi = Math.min(length, Math.ceil(center + support));
    let total = 0;
    let n = 0;
    for (let j = lo; j < hi; j++) {
      const w = 1 - Math.abs(j + 0.5 - center) / support;
      weights[i * maxTaps + n] = w > 0 ? w : 0;
      total += w > 0 ? w : 0;
      n++;
    }
    if (total <= 0) {
      // cannot happen for in-range centres; guard anyway: nearest pixel
      const j = Math.min(length - 1, Math.max(0, Math.floor(center)));
      start[i] = j;
      count[i] = 1;
      weights[i * maxTaps] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) weights[i * maxTaps + k] /= total;
    start[i] = lo;
    count[i] = n;
  }
  return { start, count, weights, maxTaps };
}

/** Converts any supported layout to RGB float64 values in [0, 255] for the given rows. */
function rowToRgb(pixels: PixelBuffer, channels: number, y: number, out: Float64Array): void {
  const { width, data } = pixels;
  const base = y * width * channels;
  for (let x = 0; x < width; x++) {
    const p = base + x * channels;
    let r: number, g: number, b: number;
    if (channels >= 3) {
      r = data[p];
      g = data[p + 1];
      b = data[p + 2];
    } else {
      r = g = b = data[p];
    }
    if (channels === 2 || channels === 4) {
      const a = data[p + channels - 1];
      if (a !== 255) {
        const f = a / 255;
        const white = 255 * (1 - f);
        r = r * f + white;
        g = g * f + white;
        b = b * f + white;
      }
    }
    out[x * 3] = r;
    out[x * 3 + 1] = g;
    out[x * 3 + 2] = b;
  }
}

/**
 * Steps 1-3 of the rule: RGB, centre square, triangle-filter resize to `size`.
 * Returns size * size * 3 float values in [0, 255] (HWC, not rounded).
 */
export function resizeCenterCrop(pixels: PixelBuffer, size: number = MODEL_INPUT_SIZE): Float32Array {
  const channels = channelsOf(pixels);
  const { width, height } = pixels;
  const { x0, y0, size: m } = centerCropSquare(width, height);
  const tx = computeTaps(width, x0, m, size);
  const ty = computeTaps(height, y0, m, size);

  // Rows of the source that any output row needs.
  let rowLo = height;
  let rowHi = 0;
  for (let i = 0; i < size; i++) {
    rowLo = Math.min(rowLo, ty.start[i]);
    rowHi = Math.max(rowHi, ty.start[i] + ty.count[i]);
  }
  const rows = rowHi - rowLo;

  // Horizontal pass: rows x size x 3
  const tmp = new Float64Array(rows * size * 3);
  const line = new Float64Array(width * 3);
  for (let y = rowLo; y < rowHi; y++) {
    rowToRgb(pixels, channels, y, line);
    const outBase = (y - rowLo) * size * 3;
    for (let i = 0; i < size; i++) {
      const s = tx.start[i];
      const n = tx.count[i];
      const wBase = i * tx.maxTaps;
      let r = 0,
        g = 0,
        b = 0;
      for (let k = 0; k < n; k++) {
        const w = tx.weights[wBase + k];
        const q = (s + k) * 3;
        r += w * line[q];
        g += w * line[q + 1];
        b += w * line[q + 2];
      }
      const o = outBase + i * 3;
      tmp[o] = r;
      tmp[o + 1] = g;
      tmp[o + 2] = b;
    }
  }

  // Vertical pass
  const out = new Float32Array(size * size * 3);
  const stride = size * 3;
  for (let i = 0; i < size; i++) {
    const s = ty.start[i] - rowLo;
    const n = ty.count[i];
    const wBase = i * ty.maxTaps;
    const outBase = i * stride;
    for (let x = 0; x < stride; x++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += ty.weights[wBase + k] * tmp[(s + k) * stride + x];
      out[outBase + x] = v;
    }
  }
  return out;
}

/** Step 4: [0, 255] -> [-1, 1] as x / 127.5 - 1 (in place; returns its argument). */
export function scaleToUnitRange(values: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) values[i] = values[i] / 127.5 - 1;
  return values;
}

/** The whole rule: pixels -> 224 * 224 * 3 float32 model input in [-1, 1]. */
export function preprocess(pixels: PixelBuffer, size: number = MODEL_INPUT_SIZE): Float32Array {
  return scaleToUnitRange(resizeCenterCrop(pixels, size));
}
