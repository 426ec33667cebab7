// Queries over loaded movie data that an API route needs: similar films,
// the links that best describe a film, the films that best fit a link, and
// title search (best known first). Vectors are unit rows (cosine = dot).

import { bruteForceNearest, dotAt } from "@/lib/ml/vectors";

import { titleKey } from "../core/text";
import type { Film } from "../core/types";

export interface ScoredIndex {
  index: number;
  score: number;
}

/** The k films nearest to film `film` (itself excluded), by cosine of film vectors. */
export function recommendFilms(filmVectors: Float32Array, dims: number, film: number, k = 10): ScoredIndex[] {
  const query = filmVectors.subarray(film * dims, (film + 1) * dims);
  return bruteForceNearest(filmVectors, dims, query, k, "cosine", new Set([film])).map((h) => ({ index: h.index, score: 1 - h.distance }));
}

/** The k links whose vectors fit film `film` best (the model's score: cosine of link and film vector). */
export function linksForFilm(filmVectors: Float32Array, linkVectors: Float32Array, dims: number, film: number, k = 10): ScoredIndex[] {
  const query = filmVectors.subarray(film * dims, (film + 1) * dims);
  return bruteForceNearest(linkVectors, dims, query, k, "cosine").map((h) => ({ index: h.index, score: 1 - h.distance }));
}

/** The k films that fit link `link` best. */
export function filmsForLink(filmVectors: Float32Array, linkVectors: Float32Array, dims: number, link: number, k = 10): ScoredIndex[] {
  const query = linkVectors.subarray(link * dims, (link + 1) * dims);
  return bruteForceNearest(filmVectors, dims, query, k, "cosine").map((h) => ({ index: h.index, score: 1 - h.distance }));
}

/**
 * Films whose title starts with (else contains) the query, best known first:
 * the autocomplete. Titles compare without case, accents, punctuation or a
 * leading article.
 */
export function searchFilms(films: readonly Film[], query: string, limit = 10): number[] {
  const q = titleKey(query);
  if (!q) return [];
  const starts: number[] = [];
  const contains: number[] = [];
  films.forEach((f, i) => {
    const key = titleKey(f.displayTitle);
    if (key.startsWith(q)) starts.push(i);
    else if (key.includes(q)) contains.push(i);
  });
  const byPopularity = (a: number, b: number) => films[b].popularity - films[a].popularity || a - b;
  return [...starts.sort(byPopularity), ...contains.sort(byPopularity)].slice(0, limit);
}

/** Cosine of two unit rows. */
export function similarity(vectors: Float32Array, dims: number, a: number, b: number): number {
  return dotAt(vectors.subarray(a * dims, (a + 1) * dims), vectors, b * dims, dims);
}
