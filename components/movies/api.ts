// Every call the movies page makes, validated with the routes' response schemas.
import { z } from "zod";
import { ApiResponseError, fetchApi, jsonPost } from "@/lib/api/client";
import {
  filmRefSchema,
  mapResponseSchema,
  searchResponseSchema,
  similarResponseSchema,
  tasteResponseSchema,
  thumbnailsResponseSchema,
  type FilmRef,
  type TasteBody,
} from "@/lib/movies/core/api-schema";

/** Titles matching the query (GET /api/movies/search). */
export function searchFilms(query: string, signal?: AbortSignal) {
  return fetchApi(`/api/movies/search?q=${encodeURIComponent(query)}`, searchResponseSchema, { signal });
}

/** A film and its nearest films (GET /api/movies/similar). */
export function similarFilms(title: string, k: number) {
  return fetchApi(`/api/movies/similar?title=${encodeURIComponent(title)}&k=${k}`, similarResponseSchema);
}

/** The "did you mean" films an unknown-title answer carries, if any. */
export function suggestionsOf(err: unknown): FilmRef[] {
  if (!(err instanceof ApiResponseError)) return [];
  const parsed = z.array(filmRefSchema).safeParse(err.details?.suggestions);
  return parsed.success ? parsed.data : [];
}

/** The catalogue ranked by a classifier of liked/disliked films (POST /api/movies/taste). */
export function tasteRanking(body: TasteBody) {
  return fetchApi("/api/movies/taste", tasteResponseSchema, jsonPost(body));
}

/** Every film's poster-map cell (GET /api/movies/map). */
export function movieMap() {
  return fetchApi("/api/movies/map", mapResponseSchema);
}

/** Every film's poster URL, in map order (GET /api/movies/thumbnails). */
export function movieThumbnails() {
  return fetchApi("/api/movies/thumbnails", thumbnailsResponseSchema);
}
