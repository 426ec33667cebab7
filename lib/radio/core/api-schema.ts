/**
 * Request and response shapes of the song radio API (app/api/radio/*). Browser-safe (zod
 * only): the page, the routes and the tests share these.
 */
import { z } from "zod";
import { DEFAULT_PER_ARTIST, DEFAULT_STATION_LENGTH, MAX_STATION_LENGTH } from "./station";

export const SEARCH_RESULTS = 10;
export const ARTIST_RESULTS = 5;
/** Seeds, artists, exclusions and "not this" songs a request may name (each). */
export const MAX_SEEDS = 50;
export const MAX_EXCLUDED = 500;
/** An artist radio is seeded with the artist's most played songs, up to this many. */
export const ARTIST_SEED_SONGS = 20;

const songIdSchema = z.number().int().min(0).max(2_147_483_647);
const artistNameSchema = z.string().trim().min(1, "must not be empty").max(200);

/** GET /api/radio/songs?q= */
export const songSearchQuerySchema = z.object({ q: z.string().trim().min(1, "must not be empty").max(200) }).strict();

/** POST /api/radio/playlist */
export const playlistBodySchema = z
  .object({
    /** Seed songs (data-set ids; a merged song's other id works too). */
    seeds: z.array(songIdSchema).max(MAX_SEEDS).default([]),
    /** Artist radio: each artist's most played songs join the seeds. */
    artists: z.array(artistNameSchema).max(MAX_SEEDS).default([]),
    length: z.number().int().min(1).max(MAX_STATION_LENGTH).default(DEFAULT_STATION_LENGTH),
    perArtist: z.number().int().min(1).max(MAX_STATION_LENGTH).default(DEFAULT_PER_ARTIST),
    /** Songs never to play (ids the catalogue does not know are ignored). */
    exclude: z.array(songIdSchema).max(MAX_EXCLUDED).default([]),
    /** "Not this": never play these, and steer the station away from them. */
    avoid: z.array(songIdSchema).max(MAX_SEEDS).default([]),
  })
  .strict()
  .refine((body) => body.seeds.length + body.artists.length > 0, {
    message: "give at least one seed song (or an artist)",
    path: ["seeds"],
  });
export type PlaylistBody = z.input<typeof playlistBodySchema>;
export type PlaylistRequest = z.output<typeof playlistBodySchema>;

export const predictedTagSchema = z.object({ tag: z.string(), p: z.number() });

export const songRefSchema = z.object({ id: z.number().int(), title: z.string(), artist: z.string() });
export type SongRef = z.infer<typeof songRefSchema>;

export const songDetailSchema = songRefSchema.extend({
  tags: z.array(z.string()),
  predictedTags: z.array(predictedTagSchema),
  plays: z.number().int(),
});
export type SongDetail = z.infer<typeof songDetailSchema>;

export const stationSongSchema = songDetailSchema.extend({
  /** Cosine similarity of the song's vector to the station's direction. */
  score: z.number(),
});
export type StationSong = z.infer<typeof stationSongSchema>;

export const artistRefSchema = z.object({ artist: z.string(), songs: z.number().int(), plays: z.number().int() });
export type ArtistRef = z.infer<typeof artistRefSchema>;

export const songSearchResponseSchema = z.object({
  query: z.string(),
  results: z.array(songRefSchema),
  artists: z.array(artistRefSchema),
});
export type SongSearchResponse = z.infer<typeof songSearchResponseSchema>;

export const playlistResponseSchema = z.object({
  songs: z.array(stationSongSchema),
  /** The seeds as resolved: alias ids mapped to their song, artists to their songs. */
  seeds: z.array(songDetailSchema),
  avoided: z.array(songRefSchema),
  artists: z.array(artistRefSchema),
});
export type PlaylistResponse = z.infer<typeof playlistResponseSchema>;

/** GET /api/radio/map: every song as parallel arrays (position order = most played first). */
export const radioMapResponseSchema = z.object({
  version: z.string(),
  ids: z.array(z.number().int()),
  /** Map coordinates in [0, 1], rounded to 1e-4. */
  x: z.array(z.number()),
  y: z.array(z.number()),
  /** Index into `legend` of the song's colour tag (its own or predicted), or -1. */
  colour: z.array(z.number().int()),
  legend: z.array(z.object({ tag: z.string(), colour: z.string(), songs: z.number().int() })),
});
export type RadioMapResponse = z.infer<typeof radioMapResponseSchema>;
