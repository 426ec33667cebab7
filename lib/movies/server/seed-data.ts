// What the "movies" seed step reads: films, film vectors and the poster layout. The same
// files and decoders as loadMovieData() in ./files, without the links and pairs the app
// does not need, and with paths Next's file tracer leaves alone (loadMovieData's
// dynamic paths made `next build` trace the whole project: 27 warnings).

import "server-only";
import fs from "node:fs";
import { projectPath } from "@/lib/paths";
import { decodeFloat16, decodeLayout, decodeMovies } from "../core/format";
import type { MovieData } from "../core/format";

export const MOVIE_SEED_FILES = {
  movies: "data/movies/movies.json",
  filmVectors: "data/movies/film-vectors.f16",
  layout: "data/movies/layout.json",
  model: "data/movies/model.json",
} as const;

const read = (file: string) => fs.readFileSync(/*turbopackIgnore: true*/ projectPath(file));

export function loadMovieSeedData(): Pick<MovieData, "films" | "filmVectors" | "dims" | "layout"> {
  const films = decodeMovies(read(MOVIE_SEED_FILES.movies).toString("utf8"));
  const { dims } = JSON.parse(read(MOVIE_SEED_FILES.model).toString("utf8")) as { dims: number };
  const filmVectors = decodeFloat16(read(MOVIE_SEED_FILES.filmVectors));
  const layout = decodeLayout(read(MOVIE_SEED_FILES.layout).toString("utf8"));
  if (filmVectors.length !== films.length * dims) throw new Error("film-vectors.f16 does not match movies.json");
  if (layout.gridX.length !== films.length) throw new Error("layout.json does not match movies.json");
  return { films, filmVectors, dims, layout };
}
