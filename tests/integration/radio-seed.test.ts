/**
 * The shipped song-radio data (data/radio, built by `npm run radio:train`) through the
 * "radio" seed step on a real database: every song, alias and vector lands, re-seeding is
 * a no-op, the most played songs are found by their titles, and a station from one of
 * them is full, capped per artist, and closer to the seed than random songs are.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { playlistBodySchema } from "@/lib/radio/core/api-schema";
import { loadRadioSeedData, radioSeedStep } from "@/lib/radio/server/seed-step";
import { buildStation, RADIO_COLLECTION, searchSongs } from "@/lib/radio/server/store";
import { collectionInfo } from "@/lib/vector-search";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";

afterAll(() => dropTestDatabases());

describeEachBackend("song radio seed", (backend) => {
  let db: Database;
  const data = loadRadioSeedData();

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    const [report] = await runSeeds(db, [radioSeedStep], () => undefined);
    expect(report).toMatchObject({ name: "radio", status: "seeded" });
  }, 180_000);
  afterAll(() => db?.close());

  it("stores every song, alias and tag of data/radio, and re-seeding is a no-op", async () => {
    const [{ songs }] = await db.sql.query<{ songs: number }>(`SELECT count(*)::int AS songs FROM radio_song`);
    const [{ aliases }] = await db.sql.query<{ aliases: number }>(`SELECT count(*)::int AS aliases FROM radio_song_alias`);
    const [{ tags }] = await db.sql.query<{ tags: number }>(`SELECT count(*)::int AS tags FROM radio_tag`);
    expect(Number(songs)).toBe(data.songs.length);
    expect(Number(aliases)).toBe(data.songs.reduce((n, s) => n + s.aliases.length, 0));
    expect(Number(tags)).toBe(data.tags.length);
    expect(await collectionInfo(db, RADIO_COLLECTION)).toMatchObject({ dims: data.dims, metric: "cosine", itemCount: data.songs.length });
    const [again] = await runSeeds(db, [radioSeedStep], () => undefined);
    expect(again.status).toBe("up-to-date");
  });

  it("finds the most played songs by their full title and artist", async () => {
    for (const song of data.songs.slice(0, 20)) {
      const found = await searchSongs(db, `${song.title} ${song.artist}`);
      expect(found.results.map((s) => s.id), `${song.title} - ${song.artist}`).toContain(song.id);
    }
  });

  it("plays a full station of other songs, closer to the seed than the catalogue at large", async () => {
    const seed = data.songs[10];
    const station = await buildStation(db, playlistBodySchema.parse({ seeds: [seed.id], length: 50 }));
    expect(station.songs).toHaveLength(50);
    expect(station.songs.map((s) => s.id)).not.toContain(seed.id);
    const perArtist = new Map<string, number>();
    for (const s of station.songs) if (s.artist) perArtist.set(s.artist.toLowerCase(), (perArtist.get(s.artist.toLowerCase()) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);
    // The 50th song of the station is still far closer than a typical song: the median cosine to the seed over the catalogue.
    const { dims, vectors } = data;
    const at = data.songs.indexOf(seed);
    const q = vectors.subarray(at * dims, (at + 1) * dims);
    const norm = (v: Float32Array) => Math.hypot(...v);
    const cosines = data.songs.map((_, i) => {
      const v = vectors.subarray(i * dims, (i + 1) * dims);
      let d = 0;
      for (let j = 0; j < dims; j++) d += q[j] * v[j];
      return d / (norm(q) * norm(v));
    });
    cosines.sort((a, b) => a - b);
    expect(station.songs[49].score).toBeGreaterThan(cosines[Math.floor(cosines.length / 2)] + 0.2);
  });
});
