/**
 * Reading the reverse-image-search index back (pure; see ./load for the fs part).
 */
import { z } from "zod";
import { decodeEmbeddings, EMBEDDING_ENCODINGS, type ImageIndexManifest, type ImagePhoto } from "./format";

const splitSchema = z.enum(["index", "query", "background"]);

const photoSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  file: z.string().min(1),
  original: z.string().min(1),
  split: splitSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  thumbWidth: z.number().int().positive(),
  thumbHeight: z.number().int().positive(),
  source: z.string(),
  licence: z.string(),
  imagenet: z.array(z.tuple([z.string(), z.number()])),
});

export const manifestSchema = z.object({
  version: z.literal(1),
  dataset: z.string(),
  licence: z.string(),
  citation: z.string(),
  model: z.string(),
  embedding: z.object({
    description: z.string(),
    dim: z.number().int().positive(),
    count: z.number().int().nonnegative(),
    file: z.string().regex(/^[\w.-]+$/),
    encoding: z.enum(EMBEDDING_ENCODINGS as [string, ...string[]]),
    bytes: z.number().int().nonnegative(),
    sha256: z.string(),
  }),
  thumbnails: z.object({ dir: z.string(), shorterSide: z.number(), jpegQuality: z.number() }),
  split: z.object({ rule: z.string(), counts: z.record(splitSchema, z.number()) }),
  photos: z.array(photoSchema),
});

export interface ImageIndex {
  manifest: Omit<ImageIndexManifest, "photos">;
  photos: ImagePhoto[];
  dim: number;
  /** photos.length * dim floats, row i = photos[i] (not normalised). */
  vectors: Float32Array;
}

/** Validates photos.json and decodes the embedding bytes that go with it. */
export function parseImageIndex(manifestJson: unknown, embeddingBytes: Uint8Array): ImageIndex {
  const parsed = manifestSchema.parse(manifestJson) as ImageIndexManifest;
  const { photos, ...manifest } = parsed;
  const { dim, count, encoding } = manifest.embedding;
  if (count !== photos.length) throw new Error(`photos.json lists ${photos.length} photos but ${count} embeddings`);
  const ids = new Set(photos.map((p) => p.id));
  if (ids.size !== photos.length) throw new Error("photos.json has duplicate ids");
  const vectors = decodeEmbeddings(embeddingBytes, count, dim, encoding);
  return { manifest, photos, dim, vectors };
}

/** Row i of the index as a view (no copy). */
export function vectorAt(index: Pick<ImageIndex, "vectors" | "dim">, i: number): Float32Array {
  return index.vectors.subarray(i * index.dim, (i + 1) * index.dim);
}

/** A unit-length copy of v (zero vectors stay zero). */
export function l2Normalize(v: ArrayLike<number>): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  const out = new Float32Array(v.length);
  if (n > 0) for (let i = 0; i < v.length; i++) out[i] = v[i] / n;
  return out;
}
