/**
 * Spotify for the song radio (optional; data/radio/SPOTIFY.md): song -> track links for
 * GET /api/radio/spotify, and the playlist crawl behind `npm run radio:crawl`, whose
 * playlists `radio:train --with-crawled` reads through loadCrawledPlaylists.
 */
import "server-only";
import { env, type Env } from "@/lib/env";
import { SpotifyClient, type SpotifyClientOptions, type SpotifyConfig } from "./client";
import type { SpotifySetup } from "./links";

export { SpotifyClient, SpotifyError, type SpotifyConfig, type SpotifyClientOptions, type SpotifyStats } from "./client";
export { spotifyLinks, lookUpTrack, songsForIds, MISS_RETRY_DAYS, HIT_RECHECK_DAYS, type SpotifySetup } from "./links";
export { crawlPlaylists, crawlTotals, loadCrawledPlaylists, type CrawlOptions, type CrawlReport, type CrawlProgress } from "./crawl";

/** What the links would do, for a server without credentials. */
export const LINKS_OFF_REASON =
  "Spotify links are off on this server. With a Spotify app's client credentials in SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET, " +
  "each song would link to its track on Spotify, found by title and artist and remembered in the database.";

/** The Spotify settings from the environment, or the names of the missing variables. */
export function spotifyConfig(e: Env = env()): SpotifyConfig | { missing: string[] } {
  const missing = (["SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET"] as const).filter((name) => !e[name]);
  if (missing.length) return { missing };
  return { clientId: e.SPOTIFY_CLIENT_ID!, clientSecret: e.SPOTIFY_CLIENT_SECRET!, apiUrl: e.SPOTIFY_API_URL, accountsUrl: e.SPOTIFY_ACCOUNTS_URL };
}

/** A web request waits at most a few seconds for Spotify: one retry, no long Retry-After sleeps. */
export const WEB_CLIENT_OPTIONS: SpotifyClientOptions = { maxRetries: 1, maxWaitMs: 3_000, backoffMs: 300, timeoutMs: 5_000 };

// One client per server process (its token is reused across requests); on globalThis so dev reloads keep it.
const globalForSpotify = globalThis as unknown as { radioSpotify?: { key: string; setup: SpotifySetup } };

/** The server's Spotify setup for song links: a shared client, or why links are off. */
export function spotifyForServer(e: Env = env()): SpotifySetup {
  const config = spotifyConfig(e);
  if ("missing" in config) {
    const partly = config.missing.length === 1 ? ` (${config.missing[0]} is not set)` : "";
    return { disabledReason: `${LINKS_OFF_REASON}${partly}` };
  }
  const key = JSON.stringify(config);
  if (globalForSpotify.radioSpotify?.key !== key) {
    globalForSpotify.radioSpotify = { key, setup: { client: new SpotifyClient(config, WEB_CLIENT_OPTIONS) } };
  }
  return globalForSpotify.radioSpotify.setup;
}
