// The "movies" seed step: the films of data/movies/ into `movie` (with their poster-map
// cells) and their film vectors into the shared vector store (see ./store.ts).

import "server-only";
import type { SeedStep } from "@/lib/db/seed";
import { loadMovieSeedData, MOVIE_LINK_FILES, MOVIE_SEED_FILES } from "./seed-data";
import { storeMovieData } from "./store";

// The link files are not stored, but "most similar" reads them per seed: a change re-seeds and so refreshes that cache.
export const MOVIE_DATA_FILES = [...Object.values(MOVIE_SEED_FILES), ...Object.values(MOVIE_LINK_FILES)];

export const moviesSeedStep: SeedStep = {
  name: "movies",
  dataFiles: MOVIE_DATA_FILES,
  version: 1,
  async run(db, progress) {
    const started = Date.now();
    const data = loadMovieSeedData();
    progress(`read ${data.films.length} films x ${data.dims} dims in ${Date.now() - started} ms`);
    return storeMovieData(db, data, progress);
  },
};
