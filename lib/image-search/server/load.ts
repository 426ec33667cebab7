/** Node: loads data/image-search/ (photos.json + the embedding file it names; transform.json + its matrix). */
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { parseImageIndex, type ImageIndex } from "../core/index-reader";
import { decodeTransform, transformManifestSchema, type EmbeddingTransform, type TransformManifest } from "../core/transform";

export const IMAGE_INDEX_DIR = path.join("data", "image-search");
export const TRANSFORM_FILE = "transform.json";

const defaultDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), IMAGE_INDEX_DIR);

export async function loadImageIndex(dir: string = defaultDir()): Promise<ImageIndex> {
  const manifest: unknown = JSON.parse(await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, "photos.json"), "utf8"));
  const file = (manifest as { embedding?: { file?: unknown } })?.embedding?.file;
  if (typeof file !== "string" || !/^[\w.-]+$/.test(file)) throw new Error(`${dir}/photos.json: bad embedding.file`);
  const bytes = await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, file));
  return parseImageIndex(manifest, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The committed search-space transform (see lib/image-search/core/transform.ts) and its manifest. */
export async function loadTransform(dir: string = defaultDir()): Promise<{ manifest: TransformManifest; transform: EmbeddingTransform }> {
  const manifest = transformManifestSchema.parse(JSON.parse(await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, TRANSFORM_FILE), "utf8")));
  const bytes = await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, manifest.file));
  return { manifest, transform: decodeTransform(manifest, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
}
