// Reading and writing data/movies/ (Node only) for scripts, the benchmark and
// tests: load* reads the files back, save* writes them. The server's seed step
// reads them through lib/movies/server/seed-data.ts.

import fs from "node:fs";
import path from "node:path";

import { projectPath } from "@/lib/paths";

import { decodeFloat16, decodeLayout, decodeLinks, decodeMovies, decodePairs, encodeFloat16, encodeLinkData, type ModelInfo, type MovieData } from "../core/format";
import type { Film, Link, LinkData } from "../core/types";

export const MOVIES_DATA_DIR = "data/movies";

export const MOVIE_FILES = {
  movies: "movies.json",
  links: "links.json",
  pairs: "pairs.bin",
  filmVectors: "film-vectors.f16",
  linkVectors: "link-vectors.f16",
  model: "model.json",
  layout: "layout.json",
  loss: "loss.json",
  quality: "quality.json",
} as const;

/** What model.json records next to the vectors. */
export function moviesDir(dir?: string): string {
  return dir ?? projectPath(MOVIES_DATA_DIR);
}

export function loadLinkData(dir?: string): LinkData {
  const d = moviesDir(dir);
  const films: Film[] = decodeMovies(fs.readFileSync(path.join(d, MOVIE_FILES.movies), "utf8"));
  const links: Link[] = decodeLinks(fs.readFileSync(path.join(d, MOVIE_FILES.links), "utf8"));
  const { filmLinks, linkCount } = decodePairs(fs.readFileSync(path.join(d, MOVIE_FILES.pairs)));
  if (filmLinks.length !== films.length) throw new Error(`pairs.bin has ${filmLinks.length} films, movies.json ${films.length}`);
  if (linkCount !== links.length) throw new Error(`pairs.bin has ${linkCount} links, links.json ${links.length}`);
  return { films, links, filmLinks };
}

/** Everything the page, API and seed step need: films, link names, pairs, vectors and the poster layout. */
export function loadMovieData(dir?: string): MovieData {
  const d = moviesDir(dir);
  const data = loadLinkData(d);
  const info = JSON.parse(fs.readFileSync(path.join(d, MOVIE_FILES.model), "utf8")) as ModelInfo;
  const filmVectors = decodeFloat16(fs.readFileSync(path.join(d, MOVIE_FILES.filmVectors)));
  const linkVectors = decodeFloat16(fs.readFileSync(path.join(d, MOVIE_FILES.linkVectors)));
  if (filmVectors.length !== data.films.length * info.dims) throw new Error("film-vectors.f16 does not match movies.json");
  if (linkVectors.length !== data.links.length * info.dims) throw new Error("link-vectors.f16 does not match links.json");
  const layout = decodeLayout(fs.readFileSync(path.join(d, MOVIE_FILES.layout), "utf8"));
  if (layout.gridX.length !== data.films.length) throw new Error("layout.json does not match movies.json");
  return { ...data, dims: info.dims, filmVectors, linkVectors, layout };
}

export function saveLinkData(data: LinkData, dir?: string): Record<string, number> {
  const d = moviesDir(dir);
  fs.mkdirSync(d, { recursive: true });
  const files = encodeLinkData(data);
  fs.writeFileSync(path.join(d, MOVIE_FILES.movies), files.movies);
  fs.writeFileSync(path.join(d, MOVIE_FILES.links), files.links);
  fs.writeFileSync(path.join(d, MOVIE_FILES.pairs), files.pairs);
  return { [MOVIE_FILES.movies]: Buffer.byteLength(files.movies), [MOVIE_FILES.links]: Buffer.byteLength(files.links), [MOVIE_FILES.pairs]: files.pairs.length };
}

export function saveVectors(file: string, normalisedRows: Float32Array, dir?: string): number {
  const bytes = encodeFloat16(normalisedRows);
  fs.writeFileSync(path.join(moviesDir(dir), file), bytes);
  return bytes.length;
}
