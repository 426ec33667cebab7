// What the "movies" seed step reads: films, film vectors and the poster layout. The same
// files and decoders as loadMovieData() in ./files, without the links and pairs the app
// does not need, and with paths Next's file tracer leaves alone (loadMovieData's
// dynamic paths made `next build` trace the whole project: 27 warnings).

import "server-only";
import fs from "node:fs";
import { projectPath } from "@/lib/paths";
import { decodeFloat16, decodeLayout, decodeLinks, decodeMovies, decodePairs } from "../core/format";
import type { Link } from "../core/types";
import type { MovieData } from "../core/format";

export const MOVIE_SEED_FILES = {
  movies: "data/movies/movies.json",
  filmVectors: "data/movies/film-vectors.f16",
  layout: "data/movies/layout.json",
  model: "data/movies/model.json",
} as const;

/** The link files "most similar" re-ranks with (film order of movies.json). */
export const MOVIE_LINK_FILES = {
  links: "data/movies/links.json",
  pairs: "data/movies/pairs.bin",
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

/** Link targets and, per film of movies.json, its ascending link ids. */
export function loadMovieLinks(): { links: Link[]; filmLinks: Int32Array[] } {
  const links = decodeLinks(read(MOVIE_LINK_FILES.links).toString("utf8"));
  const { filmLinks, linkCount } = decodePairs(read(MOVIE_LINK_FILES.pairs));
  if (linkCount !== links.length) throw new Error("pairs.bin does not match links.json");
  return { links, filmLinks };
}
