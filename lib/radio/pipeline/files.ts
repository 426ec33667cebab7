// Writing and reading data/radio/: songs.json + song-vectors.f16 + tags.json in the shape of
// lib/radio/core/data-schema.ts, model.json, loss.json/.svg. Every file is written to a
// temporary name and renamed, so a reader (the seed step) never sees half a file.

import fs from "node:fs";
import path from "node:path";

import { decodeFloat16, encodeFloat16 } from "@/lib/binary/float16";
import { radioSongsFileSchema, radioTagsFileSchema, type RadioSongsFile, type RadioTagsFile } from "@/lib/radio/core/data-schema";

export const RADIO_DATA_DIR = "data/radio";

export const RADIO_FILES = {
  songs: "songs.json",
  vectors: "song-vectors.f16",
  tags: "tags.json",
  model: "model.json",
  loss: "loss.json",
  lossSvg: "loss.svg",
} as const;

/** Writes `data` to dir/name through a temporary file and a rename. */
export function writeAtomic(dir: string, name: string, data: string | Uint8Array): number {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, target);
  return typeof data === "string" ? Buffer.byteLength(data) : data.length;
}

/** Validates against the schemas, then writes vectors first and songs.json last (the seed step reads songs.json first). */
export function writeRadioData(dir: string, songsFile: RadioSongsFile, unitVectors: Float32Array, tagsFile: RadioTagsFile): { songsBytes: number; vectorBytes: number; tagsBytes: number } {
  radioSongsFileSchema.parse(songsFile);
  radioTagsFileSchema.parse(tagsFile);
  if (unitVectors.length !== songsFile.songs.length * songsFile.dims) throw new Error(`${unitVectors.length} vector values for ${songsFile.songs.length} songs x ${songsFile.dims} dims`);
  const vectorBytes = writeAtomic(dir, RADIO_FILES.vectors, encodeFloat16(unitVectors));
  const tagsBytes = writeAtomic(dir, RADIO_FILES.tags, `${JSON.stringify(tagsFile)}\n`);
  // One song per line: small diffs, still compact.
  const songsJson = `{"dims":${songsFile.dims},"songs":[\n${songsFile.songs.map((s) => JSON.stringify(s)).join(",\n")}\n]}\n`;
  const songsBytes = writeAtomic(dir, RADIO_FILES.songs, songsJson);
  return { songsBytes, vectorBytes, tagsBytes };
}

export interface LoadedRadioData {
  songs: RadioSongsFile;
  tags: RadioTagsFile;
  vectors: Float32Array;
}

/** Reads and validates the three data files (songs, vectors, tags). */
export function loadRadioData(dir = RADIO_DATA_DIR): LoadedRadioData {
  const songs = radioSongsFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, RADIO_FILES.songs), "utf8")));
  const tags = radioTagsFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, RADIO_FILES.tags), "utf8")));
  const vectors = decodeFloat16(fs.readFileSync(path.join(dir, RADIO_FILES.vectors)));
  if (vectors.length !== songs.songs.length * songs.dims) throw new Error(`song-vectors.f16 holds ${vectors.length} values, songs.json needs ${songs.songs.length} x ${songs.dims}`);
  return { songs, tags, vectors };
}
