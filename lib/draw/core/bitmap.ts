/**
 * Square black-and-white bitmaps (1 = ink), row-major, and their compact forms:
 * packed bits (base64, for data files) and "0101" row strings (for the API).
 */
export interface Bitmap {
  size: number;
  /** size * size entries, 0 or 1, row-major (index = y * size + x). */
  pixels: Uint8Array;
}

export function emptyBitmap(size: number): Bitmap {
  return { size, pixels: new Uint8Array(size * size) };
}

export function inkCount(b: Bitmap): number {
  let n = 0;
  for (const p of b.pixels) n += p;
  return n;
}

export function toRows(b: Bitmap): string[] {
  const rows: string[] = [];
  for (let y = 0; y < b.size; y++) rows.push(Array.from(b.pixels.subarray(y * b.size, (y + 1) * b.size)).join(""));
  return rows;
}

export function fromRows(rows: string[]): Bitmap {
  const size = rows.length;
  const b = emptyBitmap(size);
  rows.forEach((row, y) => {
    if (row.length !== size || /[^01]/.test(row)) throw new Error(`row ${y} is not ${size} characters of 0/1`);
    for (let x = 0; x < size; x++) b.pixels[y * size + x] = row.charCodeAt(x) - 48;
  });
  return b;
}

/** Packs pixels 8 to a byte, most significant bit first. */
export function packBits(b: Bitmap): Uint8Array {
  const out = new Uint8Array(Math.ceil(b.pixels.length / 8));
  b.pixels.forEach((p, i) => {
    if (p) out[i >> 3] |= 0x80 >> (i & 7);
  });
  return out;
}

export function unpackBits(bytes: Uint8Array, size: number): Bitmap {
  const b = emptyBitmap(size);
  for (let i = 0; i < b.pixels.length; i++) b.pixels[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return b;
}

export function hamming(a: Bitmap, b: Bitmap): number {
  let d = 0;
  for (let i = 0; i < a.pixels.length; i++) d += a.pixels[i] ^ b.pixels[i];
  return d;
}

/** A string key for deduplication. */
export function bitmapKey(b: Bitmap): string {
  return b.pixels.join("");
}

/** Smallest box holding all ink, or null for a blank bitmap. Inclusive bounds. */
export function inkBox(b: Bitmap): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = b.size, y0 = b.size, x1 = -1, y1 = -1;
  for (let y = 0; y < b.size; y++) {
    for (let x = 0; x < b.size; x++) {
      if (!b.pixels[y * b.size + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

// Base64 without Buffer (browser-safe).
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    s += i + 2 < bytes.length ? B64[n & 63] : "=";
  }
  return s;
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, acc = 0, j = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(ch)}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** A set of bitmaps of one size, stored as one base64 string of packed bits. */
export interface PackedBitmaps {
  size: number;
  count: number;
  bits: string;
}

export function packBitmaps(size: number, bitmaps: Bitmap[]): PackedBitmaps {
  const per = (size * size) / 8;
  const all = new Uint8Array(per * bitmaps.length);
  bitmaps.forEach((b, i) => all.set(packBits(b), i * per));
  return { size, count: bitmaps.length, bits: toBase64(all) };
}

export function unpackBitmaps(p: PackedBitmaps): Bitmap[] {
  const per = (p.size * p.size) / 8;
  const all = fromBase64(p.bits);
  const out: Bitmap[] = [];
  for (let i = 0; i < p.count; i++) out.push(unpackBits(all.subarray(i * per, (i + 1) * per), p.size));
  return out;
}

/** Black ink on white RGB, each bitmap pixel a `scale` x `scale` block (nearest neighbour), for the classifier. */
export function bitmapToRgb(b: Bitmap, scale: number): { width: number; height: number; data: Uint8Array; channels: 3 } {
  const side = b.size * scale;
  const data = new Uint8Array(side * side * 3).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (b.pixels[Math.floor(y / scale) * b.size + Math.floor(x / scale)]) data.fill(0, (y * side + x) * 3, (y * side + x) * 3 + 3);
    }
  }
  return { width: side, height: side, data, channels: 3 };
}
