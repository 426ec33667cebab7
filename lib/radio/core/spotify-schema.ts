/**
 * GET /api/radio/spotify?ids=1&ids=2...: each radio song's Spotify track link, when the server
 * has Spotify credentials (data/radio/SPOTIFY.md). Browser-safe (zod only): the route parses
 * with the query schema, the page checks the answer with the response schema (fetchApi).
 */
import { z } from "zod";
import { queryInt } from "@/lib/api/query-schema";

/** Songs per request (one page of a station is 25). */
export const MAX_SPOTIFY_IDS = 50;

/** `ids` repeats: ?ids=5&ids=46 (distinct data-set song ids, aliases included). */
export const spotifyQuerySchema = z
  .object({
    ids: z
      .array(queryInt({ min: 0, max: 2_147_483_647 }), { error: "give song ids as ids=5&ids=46" })
      .min(1, "give at least one song id")
      .max(MAX_SPOTIFY_IDS, `at most ${MAX_SPOTIFY_IDS} song ids per request`)
      .superRefine((ids, ctx) => {
        const twice = ids.find((id, i) => ids.indexOf(id) !== i);
        if (twice !== undefined) ctx.addIssue({ code: "custom", message: `${twice} is given more than once; send each id once` });
      }),
  })
  .strict();
export type SpotifyQuery = z.infer<typeof spotifyQuerySchema>;

export const spotifyTrackLinkSchema = z.object({
  /** The song id as asked (an alias id stays an alias id). */
  id: z.number().int(),
  /** https://open.spotify.com/track/<id>, or null: no match on Spotify, or not looked up (see `reason`). */
  url: z
    .string()
    .regex(/^https:\/\/open\.spotify\.com\/track\/[0-9A-Za-z]{22}$/)
    .nullable(),
});
export type SpotifyTrackLink = z.infer<typeof spotifyTrackLinkSchema>;

export const spotifyResponseSchema = z.object({
  /** False when the server has no Spotify credentials (or Spotify refused them): every url is null. */
  enabled: z.boolean(),
  /** Why links are off or incomplete, in words a visitor can read. */
  reason: z.string().optional(),
  /** One per distinct id asked, in the order asked. */
  tracks: z.array(spotifyTrackLinkSchema),
});
export type SpotifyResponse = z.infer<typeof spotifyResponseSchema>;

export const spotifyTrackUrl = (trackId: string) => `https://open.spotify.com/track/${trackId}`;
