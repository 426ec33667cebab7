/**
 * Song radio's Spotify parts on a real database (PGlite always, PostgreSQL when DATABASE_URL is
 * set), against the local Spotify stand-in: song links (matching, the cache of hits and misses,
 * aliases, unknown ids, disabled mode, Spotify failures), GET /api/radio/spotify, and the
 * playlist crawl (word order, paging, resume after a stop, rate limits, loadCrawledPlaylists).
 * Time is a fake clock: sleeping advances it, nothing waits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import type { Database } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { isDomainError } from "@/lib/errors";
import { spotifyResponseSchema } from "@/lib/radio/core/spotify-schema";
import {
  crawlPlaylists,
  crawlTotals,
  LINKS_OFF_REASON,
  loadCrawledPlaylists,
  MISS_RETRY_DAYS,
  SpotifyClient,
  SpotifyError,
  spotifyForServer,
  spotifyLinks,
  type CrawlOptions,
  type SpotifyClientOptions,
} from "@/lib/radio/server/spotify";
import { GET as spotifyGET } from "@/app/api/radio/spotify/route";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";
import { fakeClock, spotifyId, startSpotifyStandIn, type SpotifyStandIn, type StandInPlaylist, type StandInTrack } from "../helpers/spotify-stand-in";

const appDb = globalThis as unknown as { appDatabase?: Promise<Database> };
const DAY = 86_400_000;

// Radio songs (ids as in the data set) and the Spotify catalogue the stand-in serves.
const SONGS = [
  { id: 5, title: "Down On Me (w/ 50 Cent)", artist: "Jeremih" },
  { id: 46, title: "What's My Name (w/ Drake)", artist: "Rihanna" },
  { id: 7233, title: "Grenade", artist: "Bruno Mars" },
  { id: 9000, title: "A Song Spotify Never Had", artist: "Nobody Known" },
];
const ALIAS = { aliasId: 70_000, songId: 7233 };

const track = (name: string, artists: string[], popularity = 50): StandInTrack => ({ id: spotifyId(`${name}|${artists.join(",")}`), name, artists, popularity });
const DOWN_ON_ME = track("Down On Me (feat. 50 Cent)", ["Jeremih", "50 Cent"], 70);
const WHATS_MY_NAME = track("What's My Name?", ["Rihanna", "Drake"], 75);
const GRENADE = track("Grenade", ["Bruno Mars"], 80);
const GRENADE_COVER = track("Grenade", ["Karaoke Stars"], 90); // more popular, wrong artist
const GRENADE_LIVE = track("Grenade - Live", ["Bruno Mars"], 85);
const TRACKS = [DOWN_ON_ME, WHATS_MY_NAME, GRENADE, GRENADE_COVER, GRENADE_LIVE];

// Playlists chosen so the word order is known: "a" finds three whose titles say "love" 3
// times; "love" brings two that say "hits"; "hits" brings two that say "greatest"...
const t = (n: number) => track(`Song ${n}`, [`Artist ${n % 5}`]);
const playlist = (name: string, entries: StandInPlaylist["entries"], extra: Partial<StandInPlaylist> = {}): StandInPlaylist => ({ id: spotifyId(`playlist ${name}`), name, owner: "Some One", entries, ...extra });
const PLAYLISTS: StandInPlaylist[] = [
  playlist("A Love Song", [t(1), t(2), t(3)]),
  playlist("Love Songs for a Rainy Day", [t(2), null, { local: "my own recording.mp3" }, t(4)]),
  playlist("a summer of love", [t(5), t(6), t(7), t(8), t(9)]),
  playlist("Love Hits", [t(1), t(10)]),
  playlist("Greatest Love Hits", [t(11), t(12)]),
  playlist("Greatest Hits", [t(13)]),
  playlist("hits 2010", [t(14), t(15)], { unavailable: true }),
  playlist("Nothing in common", [t(16)]), // no word of it is ever searched for
];

async function insertSongs(db: Database) {
  await db.sql.query(
    `INSERT INTO radio_song (id, position, title, artist, tags, predicted_tags, plays, x, y, artist_key)
     SELECT id, position, title, artist, '{}', '[]'::jsonb, 1, 0.5, 0.5, lower(artist)
       FROM jsonb_to_recordset($1::jsonb) AS s(id int, position int, title text, artist text)`,
    [JSON.stringify(SONGS.map((s, position) => ({ ...s, position })))],
  );
  await db.sql.query(`INSERT INTO radio_song_alias (alias_id, song_id) VALUES ($1, $2)`, [ALIAS.aliasId, ALIAS.songId]);
}

const get = (url: string) => spotifyGET(new Request(`http://localhost${url}`), {});

afterAll(async () => {
  delete appDb.appDatabase;
  await dropTestDatabases();
});

describeEachBackend("radio Spotify", (backend) => {
  let db: Database;
  let standIn: SpotifyStandIn;
  let clock: ReturnType<typeof fakeClock>;

  const newClient = (options: SpotifyClientOptions = {}, server: SpotifyStandIn = standIn) =>
    new SpotifyClient({ clientId: server.clientId, clientSecret: server.clientSecret, apiUrl: server.url, accountsUrl: server.url }, { now: clock.now, sleep: clock.sleep, ...options });
  const crawl = (client: SpotifyClient, options: CrawlOptions = {}) => crawlPlaylists(db, client, { now: clock.now, searchPageSize: 2, tracksPageSize: 2, ...options });
  const links = (ids: number[], client: SpotifyClient) => spotifyLinks(db, ids, { client }, { now: clock.now, log: () => undefined });
  const searches = () => standIn.count("/v1/search", "track");

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await insertSongs(db);
    standIn = await startSpotifyStandIn({ tracks: TRACKS, playlists: PLAYLISTS });
    appDb.appDatabase = Promise.resolve(db);
  });
  afterAll(async () => {
    delete appDb.appDatabase;
    await standIn?.close();
    await db?.close();
  });
  beforeEach(() => {
    clock = fakeClock();
  });
  afterEach(async () => {
    await db.sql.exec(`DELETE FROM radio_spotify_track; DELETE FROM radio_crawl_track; DELETE FROM radio_crawl_playlist; DELETE FROM radio_crawl_word;`);
  });

  // ---------------------------------------------------------------------------------------------
  // Song links

  it("links each song to its best-matching track and remembers hits and misses", async () => {
    const client = newClient();
    const before = searches();
    const answer = spotifyResponseSchema.parse(await links([7233, 5, 46, 9000], client));
    expect(answer).toEqual({
      enabled: true,
      tracks: [
        { id: 7233, url: `https://open.spotify.com/track/${GRENADE.id}` }, // not the more popular cover or the live version
        { id: 5, url: `https://open.spotify.com/track/${DOWN_ON_ME.id}` },
        { id: 46, url: `https://open.spotify.com/track/${WHATS_MY_NAME.id}` },
        { id: 9000, url: null },
      ],
    });
    expect(searches() - before).toBe(4);
    const rows = await db.sql.query<{ title: string; track_id: string | null; track_title: string | null; track_artists: string[] }>(
      `SELECT title, track_id, track_title, track_artists FROM radio_spotify_track ORDER BY title`,
    );
    expect(rows.map((r) => [r.title, r.track_id, r.track_title])).toEqual([
      ["A Song Spotify Never Had", null, null],
      ["Down On Me (w/ 50 Cent)", DOWN_ON_ME.id, "Down On Me (feat. 50 Cent)"],
      ["Grenade", GRENADE.id, "Grenade"],
      ["What's My Name (w/ Drake)", WHATS_MY_NAME.id, "What's My Name?"],
    ]);
    expect(rows[1].track_artists).toEqual(["Jeremih", "50 Cent"]);

    // Asked again (an alias id too, and a duplicate): all from the database, no request.
    const again = await links([5, ALIAS.aliasId, 9000, 5], newClient());
    expect(again.tracks).toEqual([
      { id: 5, url: answer.tracks[1].url },
      { id: ALIAS.aliasId, url: answer.tracks[0].url },
      { id: 9000, url: null },
    ]);
    expect(searches() - before).toBe(4);

    // A miss is searched again after MISS_RETRY_DAYS; a hit is not.
    clock.advance(MISS_RETRY_DAYS * DAY + 1);
    await links([5, 9000], newClient());
    expect(standIn.requests.filter((r) => r.query.type === "track").slice(-1)[0].query.q).toBe('track:"A Song Spotify Never Had" artist:"Nobody Known"');
    expect(searches() - before).toBe(5);
  });

  it("answers enabled: false with the reason, and no request, without credentials", async () => {
    const requests = standIn.requests.length;
    const answer = await spotifyLinks(db, [5, 46], { disabledReason: "off for the test" });
    expect(answer).toEqual({ enabled: false, reason: "off for the test", tracks: [{ id: 5, url: null }, { id: 46, url: null }] });
    expect(standIn.requests.length).toBe(requests);
    expect(spotifyForServer(parseEnv({}))).toEqual({ disabledReason: LINKS_OFF_REASON });
    expect(spotifyForServer(parseEnv({ SPOTIFY_CLIENT_ID: "x" }))).toEqual({ disabledReason: `${LINKS_OFF_REASON} (SPOTIFY_CLIENT_SECRET is not set)` });
  });

  it("builds the server's client from the environment and reuses it", async () => {
    const e = parseEnv({ SPOTIFY_CLIENT_ID: standIn.clientId, SPOTIFY_CLIENT_SECRET: standIn.clientSecret, SPOTIFY_API_URL: standIn.url, SPOTIFY_ACCOUNTS_URL: `${standIn.url}/` });
    const setup = spotifyForServer(e);
    expect(setup).toHaveProperty("client");
    expect(spotifyForServer(e)).toBe(setup);
    const answer = await spotifyLinks(db, [7233], setup);
    expect(answer.tracks[0].url).toContain(GRENADE.id);
    expect(() => parseEnv({ SPOTIFY_API_URL: "ftp://example.com" })).toThrow(/SPOTIFY_API_URL/);
    expect(() => parseEnv({ SPOTIFY_API_URL: "https://example.com/v1" })).toThrow(/SPOTIFY_API_URL/);
  });

  it("refuses unknown song ids with 404 naming them, before asking Spotify", async () => {
    const requests = standIn.requests.length;
    const error = await links([5, 999_999, 123_456], newClient()).catch((e: unknown) => e);
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ kind: "not_found", code: "unknown_songs", details: { unknown: [999_999, 123_456] } });
    expect((error as Error).message).toContain("999999, 123456");
    expect(standIn.requests.length).toBe(requests);
  });

  it("leaves songs unlinked (and uncached) when Spotify rate-limits or fails, and says why", async () => {
    const client = newClient({ maxWaitMs: 3000, maxRetries: 1 });
    standIn.fail("/v1/search", { status: 429, retryAfter: "30" }, "track");
    const limited = await spotifyLinks(db, [5, 46, 7233], { client }, { now: clock.now, concurrency: 1, log: () => undefined });
    expect(limited.enabled).toBe(true);
    expect(limited.tracks.every((t) => t.url === null)).toBe(true);
    expect(limited.reason).toMatch(/rate limit.*3 of 3 songs.*ask again in 30 s/);
    expect(await db.sql.query(`SELECT 1 FROM radio_spotify_track`)).toHaveLength(0);

    // Once the wait is over the same client links them; a 503 on the way is retried.
    clock.advance(30_000);
    standIn.fail("/v1/search", { status: 503 }, "track");
    const later = await spotifyLinks(db, [5, 46, 7233], { client }, { now: clock.now, concurrency: 1 });
    expect(later.reason).toBeUndefined();
    expect(later.tracks.map((t) => t.url !== null)).toEqual([true, true, true]);

    // Refused credentials turn links off, with the reason.
    const wrong = new SpotifyClient({ clientId: "nope", clientSecret: "nope", apiUrl: standIn.url, accountsUrl: standIn.url }, { now: clock.now, sleep: clock.sleep });
    const refused = await spotifyLinks(db, [9000], { client: wrong }, { now: clock.now, log: () => undefined });
    expect(refused).toMatchObject({ enabled: false, reason: expect.stringContaining("refused the client credentials"), tracks: [{ id: 9000, url: null }] });
  });

  it("GET /api/radio/spotify: 200 enabled:false without credentials, 404 for unknown ids, 400 for bad ids", async () => {
    const ok = await get("/api/radio/spotify?ids=5&ids=46");
    expect(ok.status).toBe(200);
    expect(spotifyResponseSchema.parse(await ok.json())).toEqual({ enabled: false, reason: LINKS_OFF_REASON, tracks: [{ id: 5, url: null }, { id: 46, url: null }] });

    const unknown = await get("/api/radio/spotify?ids=5&ids=424242");
    expect(unknown.status).toBe(404);
    expect(apiErrorBodySchema.parse(await unknown.json()).error).toMatchObject({ code: "unknown_songs", message: expect.stringContaining("424242") });

    for (const bad of ["", "?ids=", "?ids=abc", "?ids=-1", "?ids=1.5", "?id=5", "?ids=5&ids=46&ids=5", `?${Array.from({ length: 51 }, (_, i) => `ids=${i}`).join("&")}`]) {
      const res = await get(`/api/radio/spotify${bad}`);
      expect(res.status, bad).toBe(400);
      expect(apiErrorBodySchema.parse(await res.json()).error.code, bad).toBe("invalid_query");
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Crawl

  const words = async () => (await db.sql.query<{ word: string }>(`SELECT word FROM radio_crawl_word ORDER BY rank`)).map((r) => r.word);

  it("crawls the published way: 'a' first, then the most frequent unsearched title word", async () => {
    const report = await crawl(newClient());
    expect(report.stopReason).toBe("no-words-left");
    const order = await words();
    expect(order.slice(0, 4)).toEqual(["a", "love", "hits", "greatest"]);
    expect(order).not.toContain("nothing"); // never in a title the crawl found
    expect(new Set(order).size).toBe(order.length);
    // Every word's search ran to its last page.
    expect(await db.sql.query(`SELECT word FROM radio_crawl_word WHERE NOT done`)).toEqual([]);

    expect(await crawlTotals(db)).toEqual({ words: order.length, playlists: 7, fetched: 6, pending: 0, unavailable: 1, tracks: 15 });
    expect(report).toMatchObject({ playlistsSeen: 7, playlistsFetched: 6, unavailable: 1, tracksStored: 15 });

    const crawled = await loadCrawledPlaylists(db);
    expect(crawled).toHaveLength(6);
    // Crawl order; a gap (null track) and a local file are left out.
    expect(crawled[0]).toEqual([1, 2, 3].map((n) => ({ title: `Song ${n}`, artist: `Artist ${n % 5}` })));
    expect(crawled[1]).toEqual([2, 4].map((n) => ({ title: `Song ${n}`, artist: `Artist ${n % 5}` })));
    const positions = await db.sql.query<{ position: number }>(
      `SELECT t.position FROM radio_crawl_track t JOIN radio_crawl_playlist p ON p.id = t.playlist_id WHERE p.name = 'a summer of love' ORDER BY t.position`,
    );
    expect(positions.map((p) => Number(p.position))).toEqual([0, 1, 2, 3, 4]);
  });

  it("resumes after a stop exactly where it left off", async () => {
    // The uninterrupted crawl, for comparison.
    const requestsBefore = standIn.requests.length;
    await crawl(newClient());
    const fullRequests = standIn.requests.slice(requestsBefore).filter((r) => r.path !== "/api/token").map((r) => `${r.path}?${new URLSearchParams(r.query)}`);
    const full = { words: await words(), playlists: await loadCrawledPlaylists(db) };
    await db.sql.exec(`DELETE FROM radio_crawl_track; DELETE FROM radio_crawl_playlist; DELETE FROM radio_crawl_word;`);

    // Stopped after 2 playlists (mid-way through the word "a", whose results come 2 per page), then resumed.
    const start = standIn.requests.length;
    const first = await crawl(newClient(), { maxPlaylists: 2 });
    expect(first).toMatchObject({ stopReason: "max-playlists", playlistsFetched: 2, words: ["a"] });
    expect(await db.sql.query(`SELECT next_offset, done FROM radio_crawl_word`)).toEqual([{ next_offset: 2, done: false }]);
    let stops = 0;
    const second = await crawl(newClient(), { shouldStop: () => ++stops > 3 });
    expect(second.stopReason).toBe("stopped");
    const third = await crawl(newClient());
    expect(third.stopReason).toBe("no-words-left");
    expect({ words: await words(), playlists: await loadCrawledPlaylists(db) }).toEqual(full);
    // No page was asked for twice: the same requests as the uninterrupted crawl.
    const resumedRequests = standIn.requests.slice(start).filter((r) => r.path !== "/api/token").map((r) => `${r.path}?${new URLSearchParams(r.query)}`);
    expect(resumedRequests).toEqual(fullRequests);

    // --max-minutes: a run whose time is up starts nothing.
    expect(await crawl(newClient(), { maxMinutes: 0 })).toMatchObject({ stopReason: "max-minutes", playlistsFetched: 0 });
  });

  it("honours 429 + Retry-After and retries 5xx during a crawl, with the same result", async () => {
    const client = newClient({ maxWaitMs: 600_000, maxRetries: 3, backoffMs: 500 });
    standIn.fail("/v1/search", { status: 429, retryAfter: "7" }, "playlist");
    standIn.fail("/v1/playlists/", { status: 502 });
    standIn.fail("/v1/playlists/", { status: 429 }); // no Retry-After: backoff
    const report = await crawl(client);
    expect(report.stopReason).toBe("no-words-left");
    expect(clock.sleeps).toEqual([7000, 500, 1000]); // the backoff doubles after the 502 retry
    expect(client.stats).toMatchObject({ rateLimited: 2, retries: 1 });
    expect(await crawlTotals(db)).toMatchObject({ playlists: 7, fetched: 6, tracks: 15 });
  });

  it("stops on a Retry-After longer than it may wait, consistent, and resumes later", async () => {
    await crawl(newClient(), { maxPlaylists: 1 });
    standIn.fail("/v1/playlists/", { status: 429, retryAfter: "3600" });
    const client = newClient({ maxWaitMs: 600_000 });
    const error = await crawl(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyError);
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 3_600_000 });
    expect(await crawlTotals(db)).toMatchObject({ fetched: 1, pending: 1 });
    clock.advance(3_600_000);
    expect((await crawl(client)).stopReason).toBe("no-words-left");
    expect(await crawlTotals(db)).toMatchObject({ playlists: 7, fetched: 6, tracks: 15 });
  });

  it("stops when Spotify refuses the items of every playlist (a Development Mode app), with the reason", async () => {
    const forbidden = await startSpotifyStandIn({
      playlists: Array.from({ length: 30 }, (_, i) => playlist(`a mix ${i}`, [t(i)], { forbidden: true })),
    });
    try {
      const report = await crawl(newClient({}, forbidden), { searchPageSize: 10 });
      expect(report).toMatchObject({ stopReason: "refused", playlistsFetched: 0, unavailable: 20, message: expect.stringContaining("Development Mode") });
      expect(forbidden.count("/v1/playlists/")).toBe(20);
      expect(await crawlTotals(db)).toMatchObject({ fetched: 0, unavailable: 20, pending: 0 });
    } finally {
      await forbidden.close();
    }
  });

  it("stores names with NUL or a lone surrogate (which Postgres refuses) cleaned", async () => {
    const odd = await startSpotifyStandIn({ playlists: [playlist("a b\u0000c \ud800mix", [track("x\u0000y", ["Art\udc00ist"])])] });
    try {
      expect((await crawl(newClient({}, odd), { maxPlaylists: 1 })).playlistsFetched).toBe(1);
      expect(await db.sql.query(`SELECT name FROM radio_crawl_playlist`)).toEqual([{ name: "a bc \ufffdmix" }]);
      expect(await loadCrawledPlaylists(db)).toEqual([[{ title: "xy", artist: "Art\ufffdist" }]]);
    } finally {
      await odd.close();
    }
  });

  it("keeps at most maxTracks of a long playlist and marks it truncated", async () => {
    await crawl(newClient(), { maxTracks: 2, maxPlaylists: 3 });
    const rows = await db.sql.query<{ name: string; truncated: boolean; tracks: number }>(
      `SELECT p.name, p.truncated, count(t.position)::int AS tracks
         FROM radio_crawl_playlist p LEFT JOIN radio_crawl_track t ON t.playlist_id = p.id
        WHERE p.status = 'fetched' GROUP BY p.name, p.truncated, p.seq ORDER BY p.seq`,
    );
    expect(rows.map((r) => [r.name, r.truncated, Number(r.tracks)])).toEqual([
      ["A Love Song", true, 2],
      ["Love Songs for a Rainy Day", false, 2], // 4 entries, 2 of them tracks
      ["a summer of love", true, 2],
    ]);
  });
});
