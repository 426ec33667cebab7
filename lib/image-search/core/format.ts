/**
 * The on-disk format of the reverse-image-search index (data/image-search/), and pure
 * encode/decode helpers for its embedding file. No Node imports: usable anywhere.
 *
 * photos.json : ImageIndexManifest - collection metadata + one record per photo.
 * embeddings  : one vector per photo, in `photos` order (row i = photos[i]), in one of
 *   - "float32":      count * dim float32 little-endian
 *   - "float16":      count * dim IEEE half floats, little-endian
 *   - "uint8-scaled": count float32 LE scales, then count * dim uint8;
 *                     value = q * scale (scale = max(vector) / 255; the vectors are
 *                     non-negative, means of relu6 activations)
 */
import type { Split } from "./split";
import { fromFloat16Bits, toFloat16Bits } from "@/lib/binary/float16";

export type EmbeddingEncoding = "float32" | "float16" | "uint8-scaled";
export const EMBEDDING_ENCODINGS: readonly EmbeddingEncoding[] = ["float32", "float16", "uint8-scaled"];

export interface ImagePhoto {
  /** Stable id, `<class>/<file name without extension>`, e.g. "dalmatian/image_0001". */
  id: string;
  /** Caltech-101 class (folder) name, e.g. "dalmatian"; "BACKGROUND_Google" for clutter. */
  label: string;
  /** Public URL path of the thumbnail, e.g. "/images/caltech101/dalmatian/image_0001.jpg". */
  file: string;
  /** Path of the original inside the Caltech-101 folder, e.g. "dalmatian/image_0001.jpg". */
  original: string;
  split: Split;
  /** Original size (after EXIF rotation). */
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  source: string;
  licence: string;
  /** Top-5 ImageNet labels (short names) with probabilities, most probable first. */
  imagenet: [string, number][];
}

export interface ImageIndexManifest {
  version: 1;
  dataset: string;
  licence: string;
  citation: string;
  model: string;
  embedding: {
    description: string;
    dim: number;
    count: number;
    file: string;
    encoding: EmbeddingEncoding;
    bytes: number;
    sha256: string;
  };
  thumbnails: { dir: string; shorterSide: number; jpegQuality: number };
  split: { rule: string; counts: Record<Split, number> };
  photos: ImagePhoto[];
}

export function encodedByteLength(encoding: EmbeddingEncoding, count: number, dim: number): number {
  switch (encoding) {
    case "float32":
      return count * dim * 4;
    case "float16":
      return count * dim * 2;
    case "uint8-scaled":
      return count * 4 + count * dim;
  }
}

export { fromFloat16Bits, toFloat16Bits };

// ---------------------------------------------------------------- encode / decode

/** Encodes count * dim float vectors (row-major) to the given encoding. */
export function encodeEmbeddings(vectors: Float32Array, dim: number, encoding: EmbeddingEncoding): Uint8Array {
  if (dim <= 0 || vectors.length % dim !== 0) throw new Error(`vector data (${vectors.length}) is not a multiple of dim ${dim}`);
  const count = vectors.length / dim;
  const out = new Uint8Array(encodedByteLength(encoding, count, dim));
  const view = new DataView(out.buffer);
  if (encoding === "float32") {
    for (let i = 0; i < vectors.length; i++) view.setFloat32(i * 4, vectors[i], true);
  } else if (encoding === "float16") {
    for (let i = 0; i < vectors.length; i++) view.setUint16(i * 2, toFloat16Bits(vectors[i]), true);
  } else {
    const base = count * 4;
    for (let r = 0; r < count; r++) {
      let max = 0;
      for (let j = 0; j < dim; j++) {
        const v = vectors[r * dim + j];
        if (v < 0) throw new Error(`uint8-scaled needs non-negative vectors (row ${r} has ${v})`);
        if (v > max) max = v;
      }
      const scale = Math.fround(max / 255);
      view.setFloat32(r * 4, scale, true);
      for (let j = 0; j < dim; j++) {
        out[base + r * dim + j] = scale > 0 ? Math.min(255, Math.round(vectors[r * dim + j] / scale)) : 0;
      }
    }
  }
  return out;
}

/** Decodes an embedding file back to count * dim float32 values (row-major). */
export function decodeEmbeddings(bytes: Uint8Array, count: number, dim: number, encoding: EmbeddingEncoding): Float32Array {
  const expected = encodedByteLength(encoding, count, dim);
  if (bytes.byteLength !== expected) {
    throw new Error(`embedding file has ${bytes.byteLength} bytes, expected ${expected} (${count} x ${dim} ${encoding})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count * dim);
  if (encoding === "float32") {
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (encoding === "float16") {
    for (let i = 0; i < out.length; i++) out[i] = fromFloat16Bits(view.getUint16(i * 2, true));
  } else {
    const base = count * 4;
    for (let r = 0; r < count; r++) {
      const scale = view.getFloat32(r * 4, true);
      for (let j = 0; j < dim; j++) out[r * dim + j] = bytes[base + r * dim + j] * scale;
    }
  }
  return out;
}
