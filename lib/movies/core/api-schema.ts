/**
 * Request and response shapes of the movie recommender API (app/api/movies/*).
 * Browser-safe (zod only): the page, the routes and the tests share these.
 */
import { z } from "zod";
import { queryInt } from "@/lib/api/query-schema";

export const SEARCH_RESULTS = 7;
export const DEFAULT_SIMILAR = 10;
export const MAX_SIMILAR = 50;
export const MAX_TASTE_FILMS = 50;
export const DEFAULT_TASTE_RESULTS = 10;
export const MAX_TASTE_RESULTS = 50;
/** Poster cell size in map world units (2:3 like a poster). */
export const MAP_CELL_W = 40;
export const MAP_CELL_H = 60;

const titleSchema = z.string().trim().min(1, "must not be empty").max(512);

/** GET /api/movies/search?q= */
export const searchQuerySchema = z.object({ q: z.string().trim().min(1, "must not be empty").max(200) }).strict();

/** GET /api/movies/similar?title=&k= */
export const similarQuerySchema = z
  .object({
    title: titleSchema,
    k: queryInt({ min: 1, max: MAX_SIMILAR }).default(DEFAULT_SIMILAR),
  })
  .strict();

/** POST /api/movies/taste */
export const tasteBodySchema = z
  .object({
    liked: z.array(titleSchema).min(1, "like at least one film").max(MAX_TASTE_FILMS),
    disliked: z.array(titleSchema).max(MAX_TASTE_FILMS).default([]),
    k: z.number().int().min(1).max(MAX_TASTE_RESULTS).default(DEFAULT_TASTE_RESULTS),
  })
  .strict();
export type TasteBody = z.input<typeof tasteBodySchema>;

export const filmRefSchema = z.object({ title: z.string(), displayTitle: z.string(), year: z.number().int().nullable() });
export type FilmRef = z.infer<typeof filmRefSchema>;

export const filmDetailSchema = filmRefSchema.extend({
  genres: z.array(z.string()),
  thumbnail: z.string().nullable(),
  popularity: z.number(),
  gridX: z.number().int(),
  gridY: z.number().int(),
  cluster: z.number().int(),
});
export type FilmDetail = z.infer<typeof filmDetailSchema>;

export const sharedLinkSchema = z.object({ name: z.string(), kind: z.string() });
export type SharedLink = z.infer<typeof sharedLinkSchema>;

/** `shared`: for "most similar", the links both films have, most telling first (why they are near). */
export const scoredFilmSchema = filmRefSchema.extend({ score: z.number(), shared: z.array(sharedLinkSchema).optional() });
export type ScoredFilm = z.infer<typeof scoredFilmSchema>;

export const searchResponseSchema = z.object({ query: z.string(), results: z.array(filmRefSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const similarResponseSchema = z.object({ movie: filmDetailSchema, similar: z.array(scoredFilmSchema) });
export type SimilarResponse = z.infer<typeof similarResponseSchema>;

export const tasteResponseSchema = z.object({
  best: z.array(scoredFilmSchema),
  worst: z.array(scoredFilmSchema),
  /** What the classifier was trained on. */
  training: z.object({ liked: z.number(), disliked: z.number(), randomNegatives: z.number() }),
});
export type TasteResponse = z.infer<typeof tasteResponseSchema>;

/** GET /api/movies/map: the whole catalogue as parallel arrays in position order (best known first). */
export const mapResponseSchema = z.object({
  version: z.string(),
  cols: z.number().int(),
  rows: z.number().int(),
  clusters: z.number().int(),
  titles: z.array(z.string()),
  /** null = same as the title. */
  displayTitles: z.array(z.string().nullable()),
  years: z.array(z.number().int().nullable()),
  gridX: z.array(z.number().int()),
  gridY: z.array(z.number().int()),
  cluster: z.array(z.number().int()),
  /** Per colour cluster: its name (dominant genre and decade) and median cell (lib/movies/core/regions). */
  regions: z.array(z.object({ cluster: z.number().int(), label: z.string(), gx: z.number(), gy: z.number(), films: z.number().int() })).optional(),
});
export type MapResponse = z.infer<typeof mapResponseSchema>;

/** GET /api/movies/thumbnails: poster URLs in map order; a URL without https: is relative to `prefix`. */
export const thumbnailsResponseSchema = z.object({ prefix: z.string(), thumbnails: z.array(z.string().nullable()) });
export type ThumbnailsResponse = z.infer<typeof thumbnailsResponseSchema>;
