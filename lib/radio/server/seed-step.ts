// The "radio" seed step: the songs, tags and song vectors of data/radio/ (written by
// `npm run radio:train`) into radio_song, radio_tag, radio_song_alias and the vector
// collection "radio" (see ./store.ts).

import "server-only";
import fs from "node:fs";
import { decodeFloat16 } from "@/lib/binary/float16";
import type { SeedStep } from "@/lib/db/seed";
import { projectPath } from "@/lib/paths";
import { radioSongsFileSchema, radioTagsFileSchema } from "../core/data-schema";
import { RADIO_SEED_STEP, storeRadioData, type RadioSeedData } from "./store";

// Literal paths: Next's file tracer leaves them alone (see lib/movies/server/seed-data.ts).
export const RADIO_SEED_FILES = {
  songs: "data/radio/songs.json",
  vectors: "data/radio/song-vectors.f16",
  tags: "data/radio/tags.json",
} as const;

const read = (file: string) => fs.readFileSync(/*turbopackIgnore: true*/ projectPath(file));

export function loadRadioSeedData(): RadioSeedData {
  const { songs, dims } = radioSongsFileSchema.parse(JSON.parse(read(RADIO_SEED_FILES.songs).toString("utf8")));
  const { tags } = radioTagsFileSchema.parse(JSON.parse(read(RADIO_SEED_FILES.tags).toString("utf8")));
  const vectors = decodeFloat16(read(RADIO_SEED_FILES.vectors));
  if (vectors.length !== songs.length * dims) throw new Error(`${RADIO_SEED_FILES.vectors} holds ${vectors.length} values, songs.json needs ${songs.length} x ${dims}`);
  return { songs, dims, vectors, tags };
}

export const radioSeedStep: SeedStep = {
  name: RADIO_SEED_STEP,
  dataFiles: Object.values(RADIO_SEED_FILES),
  version: 1,
  async run(db, progress) {
    const started = Date.now();
    const data = loadRadioSeedData();
    progress(`read ${data.songs.length} songs x ${data.dims} dims in ${Date.now() - started} ms`);
    return storeRadioData(db, data, progress);
  },
};
