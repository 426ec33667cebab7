/** Node: loads data/image-search/ (photos.json + the embedding file it names). */
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { parseImageIndex, type ImageIndex } from "../core/index-reader";

export const IMAGE_INDEX_DIR = path.join("data", "image-search");

export async function loadImageIndex(dir: string = path.join(/*turbopackIgnore: true*/ process.cwd(), IMAGE_INDEX_DIR)): Promise<ImageIndex> {
  const manifest: unknown = JSON.parse(await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, "photos.json"), "utf8"));
  const file = (manifest as { embedding?: { file?: unknown } })?.embedding?.file;
  if (typeof file !== "string" || !/^[\w.-]+$/.test(file)) throw new Error(`${dir}/photos.json: bad embedding.file`);
  const bytes = await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, file));
  return parseImageIndex(manifest, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
