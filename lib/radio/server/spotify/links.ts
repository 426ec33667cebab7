/**
 * Radio song -> Spotify track link, cached in `radio_spotify_track` by the song's title and
 * artist (so the cache survives a re-seed). A found track is kept for HIT_RECHECK_DAYS, a miss
 * ("not on Spotify") for MISS_RETRY_DAYS before the song is searched again. Spotify failures
 * (rate limit, outage) are not cached: those songs just have no link this time, with a reason.
 */
import "server-only";
import type { SqlDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { spotifyTrackUrl, type SpotifyResponse } from "@/lib/radio/core/spotify-schema";
import { SPOTIFY_ID, SpotifyError, type SpotifyClient } from "./client";
import { bestTrack, trackSearchQuery, type SongText } from "./match";

export const MISS_RETRY_DAYS = 30;
export const HIT_RECHECK_DAYS = 365;
/** Searches in flight at once for one request. */
export const LOOKUP_CONCURRENCY = 4;
/** Search results considered per song. */
export const SEARCH_LIMIT = 10;

const DAY_MS = 86_400_000;

/** Either a client, or why there is none (said to the visitor as is). */
export type SpotifySetup = { client: SpotifyClient } | { disabledReason: string };

export interface LinkOptions {
  now?: () => number;
  concurrency?: number;
  log?: (line: string) => void;
}

/** Text from Spotify as Postgres can store it (text and jsonb refuse NUL and lone surrogates). */
export const storableText = (text: string) => text.replace(/\u0000/g, "").toWellFormed();

/** A timestamp parameter (epoch ms) as the UTC wall-clock `timestamp` Prisma's DateTime columns hold. */
export const utcTimestamp = (param: string) => `(to_timestamp(${param}::float8 / 1000) AT TIME ZONE 'UTC')`;

interface SongRow {
  asked: number;
  title: string;
  artist: string;
}

/** The songs behind the ids (an alias id maps to its song); 404 unknown_songs naming the unknown ones. */
export async function songsForIds(db: SqlDb, ids: readonly number[]): Promise<Map<number, SongText>> {
  const rows = await db.sql.query<SongRow>(
    `SELECT s.id AS asked, s.title, s.artist FROM radio_song s WHERE s.id = ANY($1::int[])
     UNION ALL
     SELECT a.alias_id AS asked, s.title, s.artist FROM radio_song_alias a JOIN radio_song s ON s.id = a.song_id WHERE a.alias_id = ANY($1::int[])`,
    [ids],
  );
  const songs = new Map(rows.map((r) => [Number(r.asked), { title: r.title, artist: r.artist }]));
  const unknown = ids.filter((id) => !songs.has(id));
  if (unknown.length) {
    throw notFound("unknown_songs", `No radio song has the id${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}.`, { unknown });
  }
  return songs;
}

const keyOf = (song: SongText) => `${song.title}\u0000${song.artist}`;

interface CacheRow {
  title: string;
  artist: string;
  track_id: string | null;
  searched_ms: number;
}

/** Cached answers that are still good at `now`: key -> track id or null (known miss). */
async function cachedTracks(db: SqlDb, songs: readonly SongText[], now: number): Promise<Map<string, string | null>> {
  const rows = await db.sql.query<CacheRow>(
    `SELECT c.title, c.artist, c.track_id, (extract(epoch FROM c.searched_at) * 1000)::float8 AS searched_ms
       FROM radio_spotify_track c
       JOIN unnest($1::text[], $2::text[]) AS k(title, artist) ON c.title = k.title AND c.artist = k.artist`,
    [songs.map((s) => s.title), songs.map((s) => s.artist)],
  );
  const fresh = new Map<string, string | null>();
  for (const r of rows) {
    const age = now - Number(r.searched_ms);
    if (age < (r.track_id ? HIT_RECHECK_DAYS : MISS_RETRY_DAYS) * DAY_MS) fresh.set(keyOf(r), r.track_id);
  }
  return fresh;
}

async function storeLookup(db: SqlDb, song: SongText, track: { id: string; name: string; artists: string[] } | null, now: number) {
  await db.sql.query(
    `INSERT INTO radio_spotify_track (title, artist, track_id, track_title, track_artists, searched_at)
     VALUES ($1, $2, $3, $4, $5::text[], ${utcTimestamp("$6")})
     ON CONFLICT (title, artist) DO UPDATE
       SET track_id = EXCLUDED.track_id, track_title = EXCLUDED.track_title,
           track_artists = EXCLUDED.track_artists, searched_at = EXCLUDED.searched_at`,
    [song.title, song.artist, track?.id ?? null, track ? storableText(track.name) : null, (track?.artists ?? []).map(storableText), now],
  );
}

/** Searches Spotify for one song and caches the answer (found or not); returns the track id or null. */
export async function lookUpTrack(db: SqlDb, client: SpotifyClient, song: SongText, now: number): Promise<string | null> {
  const results = await client.searchTracks(trackSearchQuery(song), SEARCH_LIMIT);
  const candidates = results
    .filter((t) => t.id !== null && SPOTIFY_ID.test(t.id) && !t.is_local)
    .map((t) => ({ id: t.id!, name: t.name, artists: t.artists.map((a) => a.name) }));
  const best = bestTrack(song, candidates);
  await storeLookup(db, song, best, now);
  return best?.id ?? null;
}

/**
 * The Spotify links of radio songs, for GET /api/radio/spotify: unknown ids -> 404; without a
 * client, every url null and the reason; else cached answers, and a search for each song
 * without one (LOOKUP_CONCURRENCY at a time). When Spotify fails part-way the remaining songs
 * stay unlinked (not cached) and `reason` says why.
 */
export async function spotifyLinks(db: SqlDb, ids: readonly number[], setup: SpotifySetup, options: LinkOptions = {}): Promise<SpotifyResponse> {
  const asked = [...new Set(ids)];
  const songs = await songsForIds(db, asked);
  if (!("client" in setup)) return { enabled: false, reason: setup.disabledReason, tracks: asked.map((id) => ({ id, url: null })) };

  const now = (options.now ?? Date.now)();
  const distinct = [...new Map(asked.map((id) => [keyOf(songs.get(id)!), songs.get(id)!])).values()];
  const known = await cachedTracks(db, distinct, now);
  const queue = distinct.filter((s) => !known.has(keyOf(s)));
  let failure: SpotifyError | undefined;
  const worker = async () => {
    for (let song = queue.shift(); song && !failure; song = queue.shift()) {
      try {
        known.set(keyOf(song), await lookUpTrack(db, setup.client, song, now));
      } catch (err) {
        if (!(err instanceof SpotifyError)) throw err;
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? LOOKUP_CONCURRENCY, queue.length) }, worker));

  const tracks = asked.map((id) => {
    const trackId = known.get(keyOf(songs.get(id)!));
    return { id, url: trackId ? spotifyTrackUrl(trackId) : null };
  });
  if (!failure) return { enabled: true, tracks };
  (options.log ?? console.warn)(`[spotify] song links: ${failure.message}`);
  const missing = distinct.filter((s) => !known.has(keyOf(s))).length;
  if (failure.kind === "auth") {
    return { enabled: false, reason: `${failure.message} Song links are off until SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are fixed.`, tracks };
  }
  const retry = failure.retryAfterMs ? ` in ${Math.ceil(failure.retryAfterMs / 1000)} s` : " later";
  return {
    enabled: true,
    reason: `${failure.message} ${missing} of ${distinct.length} song${distinct.length === 1 ? " is" : "s are"} not looked up yet; ask again${retry}.`,
    tracks,
  };
}
