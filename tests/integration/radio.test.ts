/**
 * Song radio's store and routes on a real database (PGlite always, PostgreSQL when
 * DATABASE_URL is set), on a small synthetic catalogue whose answers are known: three
 * "genres" of songs around three directions, a prolific artist, merged ids. The shipped
 * data's seed step is checked in radio-seed.test.ts.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import type { Database } from "@/lib/db";
import { playlistResponseSchema, radioMapResponseSchema, songSearchResponseSchema } from "@/lib/radio/core/api-schema";
import type { RadioSong } from "@/lib/radio/core/data-schema";
import { createRng } from "@/lib/ml/rng";
import { buildStation, searchSongs, storeRadioData, type RadioSeedData } from "@/lib/radio/server/store";
import { playlistBodySchema } from "@/lib/radio/core/api-schema";
import { POST as playlistPOST } from "@/app/api/radio/playlist/route";
import { GET as songsGET } from "@/app/api/radio/songs/route";
import { GET as mapGET } from "@/app/api/radio/map/route";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";

const appDb = globalThis as unknown as { appDatabase?: Promise<Database> };

afterAll(async () => {
  delete appDb.appDatabase;
  await dropTestDatabases();
});

const GENRES = ["rock", "jazz", "country"] as const;
const DIMS = 8;

/** 3 genres x 40 songs; genre g's songs point near axis g. Song ids 1000 + i; "Prolific" sings 15 rock songs. */
function syntheticCatalogue(): RadioSeedData {
  const rng = createRng(7);
  const songs: RadioSong[] = [];
  const vectors = new Float32Array(GENRES.length * 40 * DIMS);
  GENRES.forEach((genre, g) => {
    for (let j = 0; j < 40; j++) {
      const i = g * 40 + j;
      const artist = genre === "rock" && j < 15 ? "Prolific" : `${genre} artist ${j % 13}`;
      songs.push({
        id: 1000 + i,
        title: `${genre} song ${j}`,
        artist,
        aliases: i === 0 ? [5] : [],
        tags: j % 2 ? [genre] : [],
        predictedTags: [{ tag: genre, p: 0.9 }],
        plays: 200 - i,
        x: g / 3,
        y: j / 40,
      });
      for (let d = 0; d < DIMS; d++) vectors[i * DIMS + d] = (d === g ? 3 : 0) + rng.gaussian() * 0.5;
    }
  });
  const tags = GENRES.map((tag, i) => ({ tag, songs: 20, auc: 0.9, threshold: 0.5, colour: ["#e41a1c", "#377eb8", "#4daf4a"][i] }));
  return { songs, dims: DIMS, vectors, tags };
}

const genreOf = (id: number) => GENRES[Math.floor((id - 1000) / 40)];
const call = (handler: (r: Request, c: unknown) => Promise<Response> | Response, url: string, init?: RequestInit) =>
  handler(new Request(`http://localhost${url}`, init), {});
const post = (body: unknown) =>
  call(playlistPOST, "/api/radio/playlist", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const station = (db: Database, body: unknown) => buildStation(db, playlistBodySchema.parse(body));

describeEachBackend("song radio", (backend) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const written = await storeRadioData(db, syntheticCatalogue());
    expect(written).toBe(120 + 3 + 1 + 120);
    // The seed stamp the catalogue cache keys on.
    await db.sql.query(`INSERT INTO seed_step (name, data_hash, row_count) VALUES ('radio', 'synthetic', 244) ON CONFLICT (name) DO UPDATE SET data_hash = 'synthetic'`);
    appDb.appDatabase = Promise.resolve(db);
  }, 120_000);
  afterAll(async () => {
    delete appDb.appDatabase;
    await db?.close();
  });

  it("builds a station of the seeds' genre, seeds left out, at most two songs per artist", async () => {
    const result = await station(db, { seeds: [1000, 1001], length: 20 });
    expect(result.songs).toHaveLength(20);
    expect(result.songs.every((s) => genreOf(s.id) === "rock")).toBe(true);
    expect(result.songs.map((s) => s.id)).not.toContain(1000);
    expect(result.songs.map((s) => s.id)).not.toContain(1001);
    const perArtist = new Map<string, number>();
    for (const s of result.songs) perArtist.set(s.artist, (perArtist.get(s.artist) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);
    // Best first.
    const scores = result.songs.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("mixes genres for mixed seeds, honours perArtist, exclude and a merged song's other id", async () => {
    const mixed = await station(db, { seeds: [5, 1040], length: 30, perArtist: 30, exclude: [1002] });
    expect(mixed.seeds.map((s) => s.id)).toEqual([1000, 1040]);
    const genres = new Set(mixed.songs.map((s) => genreOf(s.id)));
    expect(genres).toEqual(new Set(["rock", "jazz"]));
    expect(mixed.songs.map((s) => s.id)).not.toContain(1002);
    const uncapped = await station(db, { seeds: [1000, 1001], length: 30, perArtist: 30 });
    expect(uncapped.songs.filter((s) => s.artist === "Prolific").length).toBeGreaterThan(2);
  });

  it("steers away from a 'not this' song and never plays it", async () => {
    const plain = await station(db, { seeds: [1000, 1040], length: 30, perArtist: 30 });
    const steered = await station(db, { seeds: [1000, 1040], length: 30, perArtist: 30, avoid: [1041] });
    const jazz = (r: typeof plain) => r.songs.filter((s) => genreOf(s.id) === "jazz").length;
    expect(jazz(steered)).toBeLessThan(jazz(plain));
    expect(steered.songs.map((s) => s.id)).not.toContain(1041);
    expect(steered.avoided.map((s) => s.id)).toEqual([1041]);
  });

  it("plays an artist radio of songs like the artist's, by other artists", async () => {
    const result = await station(db, { artists: ["prolific"], length: 10 });
    expect(result.artists).toEqual([{ artist: "Prolific", songs: 15, plays: expect.any(Number) }]);
    expect(result.songs.every((s) => genreOf(s.id) === "rock" && s.artist !== "Prolific")).toBe(true);
  });

  it("finds songs by words of the title and artist, most played first", async () => {
    const found = await searchSongs(db, "jazz song 1");
    expect(found.results[0]).toMatchObject({ id: 1041, title: "jazz song 1" });
    expect(found.results.every((s) => s.title.startsWith("jazz song 1"))).toBe(true);
    expect((await searchSongs(db, "prolific")).artists[0]).toMatchObject({ artist: "Prolific", songs: 15 });
  });

  it("answers the routes with the documented shapes and errors", async () => {
    const search = await call(songsGET, "/api/radio/songs?q=country%20song");
    expect(search.status).toBe(200);
    expect(songSearchResponseSchema.parse(await search.json()).results).toHaveLength(10);

    const ok = await post({ seeds: [1080], length: 5 });
    expect(ok.status).toBe(200);
    expect(playlistResponseSchema.parse(await ok.json()).songs).toHaveLength(5);

    const unknown = await post({ seeds: [1080, 424242, 999999], length: 5 });
    expect(unknown.status).toBe(404);
    const error = apiErrorBodySchema.parse(await unknown.json()).error;
    expect(error.code).toBe("unknown_songs");
    expect(error.message).toContain("424242");
    expect(error.message).toContain("999999");

    for (const body of [{ seeds: [], length: 5 }, { seeds: [1080], length: 0 }, { seeds: [1080], length: 201 }, { seeds: [1080], extra: 1 }]) {
      const bad = await post(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(apiErrorBodySchema.parse(await bad.json()).error.code).toBe("invalid_body");
    }
    const clash = await post({ seeds: [1080], avoid: [1080] });
    expect(clash.status).toBe(400);

    const map = await call(mapGET, "/api/radio/map");
    expect(map.status).toBe(200);
    const body = radioMapResponseSchema.parse(await map.json());
    expect(body.ids).toHaveLength(120);
    expect(body.legend.map((l) => l.tag)).toEqual(["rock", "jazz", "country"]);
    expect(body.colour[0]).toBe(0);
    const cached = await call(mapGET, "/api/radio/map", { headers: { "if-none-match": map.headers.get("etag")! } });
    expect(cached.status).toBe(304);
  });
});
