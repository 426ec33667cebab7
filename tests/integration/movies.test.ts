/**
 * Movie recommender on a real database, on PGlite always and PostgreSQL when DATABASE_URL
 * is set: the "movies" seed step (20k films + vectors in seconds), similar films through
 * the shared vector search, title search order, the taste classifier, the map payload,
 * and the API routes (called as modules, with the test database installed as the app's).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { mapResponseSchema, searchResponseSchema, similarResponseSchema, tasteResponseSchema, thumbnailsResponseSchema } from "@/lib/movies/core/api-schema";
import { moviesSeedStep } from "@/lib/movies/server/seed-step";
import { MOVIES_COLLECTION, searchMovies, similarMovies, tasteRanking } from "@/lib/movies/server/store";
import { collectionInfo } from "@/lib/vector-search";
import { GET as searchGET } from "@/app/api/movies/search/route";
import { GET as similarGET } from "@/app/api/movies/similar/route";
import { GET as mapGET } from "@/app/api/movies/map/route";
import { GET as thumbnailsGET } from "@/app/api/movies/thumbnails/route";
import { POST as tastePOST } from "@/app/api/movies/taste/route";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";

const appDb = globalThis as unknown as { appDatabase?: Promise<Database> };
const HP1 = "Harry Potter and the Deathly Hallows – Part 1";
const HP2 = "Harry Potter and the Deathly Hallows – Part 2";
const isHarryPotter = (t: string) => t.startsWith("Harry Potter and the ");

afterAll(async () => {
  delete appDb.appDatabase;
  await dropTestDatabases();
});

const get = (handler: (r: Request, c: unknown) => Promise<Response> | Response, url: string, init?: RequestInit) =>
  handler(new Request(`http://localhost${url}`, init), {});

describeEachBackend("movie recommender", (backend) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    // How long seeding takes: `npm run bench -- seed`.
    const [report] = await runSeeds(db, [moviesSeedStep], () => undefined);
    expect(report).toMatchObject({ name: "movies", status: "seeded" });
    appDb.appDatabase = Promise.resolve(db);
  }, 180_000);
  afterAll(async () => {
    delete appDb.appDatabase;
    await db?.close();
  });

  it("seeds 20,000 films and their vectors, and re-seeding is a no-op", async () => {
    const [{ count }] = await db.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM movie`);
    expect(Number(count)).toBe(20_000);
    const info = await collectionInfo(db, MOVIES_COLLECTION);
    expect(info).toMatchObject({ dims: 50, metric: "cosine", itemCount: 20_000 });
    const [again] = await runSeeds(db, [moviesSeedStep], () => undefined);
    expect(again.status).toBe("up-to-date");
  });

  it("finds films of the same series as similar", async () => {
    const { movie, similar } = await similarMovies(db, HP1, 10);
    expect(movie.displayTitle).toBe(HP1);
    expect(movie.year).toBe(2010);
    expect(similar).toHaveLength(10);
    expect(similar.map((s) => s.title)).not.toContain(HP1);
    const hp = similar.filter((s) => isHarryPotter(s.title));
    expect(hp.length, similar.map((s) => s.title).join(", ")).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < similar.length; i++) expect(similar[i].score).toBeLessThanOrEqual(similar[i - 1].score + 1e-9);
  });

  it("searches by title prefix, best known first, ignoring case, accents and a leading article", async () => {
    const hp = await searchMovies(db, "harry potter");
    expect(hp).toHaveLength(7);
    expect(hp.every((f) => f.title.startsWith("Harry Potter"))).toBe(true);
    expect(hp[0].title).toBe(HP1); // the best known film of the catalogue
    expect(await searchMovies(db, "HARRY POTTER")).toEqual(hp);
    const godfather = await searchMovies(db, "godfather");
    expect(godfather[0].title).toBe("The Godfather");
    expect((await searchMovies(db, "The Gödfäther"))[0].title).toBe("The Godfather");
    // A word inside the title, after the prefix matches.
    const hallows = await searchMovies(db, "hallows");
    expect(hallows.map((f) => f.title)).toEqual(expect.arrayContaining([HP1, HP2]));
    expect(await searchMovies(db, "?!")).toEqual([]);
  });

  it("finds words anywhere in the title, roman numerals as digits, and a film by its year", async () => {
    expect((await searchMovies(db, "godfather part 2")).map((f) => f.title)).toContain("The Godfather Part II");
    expect((await searchMovies(db, "godfather part ii"))[0].title).toBe("The Godfather Part II");
    expect((await searchMovies(db, "deathly hallows 2")).map((f) => f.title)).toContain(HP2);
    const alien = await searchMovies(db, "alien 1979");
    expect(alien[0]).toMatchObject({ title: "Alien (film)", year: 1979 });
  });

  it("finds a star's other films (every cast link weighs alike) and a misspelt title", async () => {
    // Before, a co-star of a few films outweighed the lead: none of the ten shared Robert Duvall.
    const { similar } = await similarMovies(db, "The Great Santini", 10);
    const withDuvall = similar.filter((s) => s.shared?.some((l) => l.name === "Robert Duvall"));
    expect(withDuvall.length, similar.map((s) => s.title).join(", ")).toBeGreaterThanOrEqual(3);
    expect((await searchMovies(db, "casablanka"))[0].displayTitle).toBe("Casablanca");
  });

  it("ranks films like the liked ones on top of the taste list", async () => {
    const taste = await tasteRanking(db, [HP1, HP2], [], 10);
    expect(taste.training).toEqual({ liked: 2, disliked: 0, randomNegatives: 100 });
    expect(taste.best).toHaveLength(10);
    expect(taste.best.map((f) => f.title)).not.toContain(HP1);
    expect(taste.best.filter((f) => isHarryPotter(f.title)).length).toBeGreaterThanOrEqual(4);
    expect(taste.best[0].score).toBeGreaterThan(taste.worst[0].score);
    expect(taste.worst.some((f) => isHarryPotter(f.title))).toBe(false);
    const withDislike = await tasteRanking(db, [HP1], ["The Godfather"], 5);
    // Random films stay in as weak negatives with a dislike too (one dislike does not decide the taste).
    expect(withDislike.training.randomNegatives).toBe(100);
    expect(withDislike.best.some((f) => isHarryPotter(f.title))).toBe(true);
  });

  it("answers the API routes", async () => {
    const search = searchResponseSchema.parse(await (await get(searchGET, "/api/movies/search?q=toy%20story")).json());
    expect(search.results[0].title).toMatch(/^Toy Story/);

    const similarRes = await get(similarGET, `/api/movies/similar?title=${encodeURIComponent(HP2)}&k=5`);
    expect(similarRes.status).toBe(200);
    expect(similarResponseSchema.parse(await similarRes.json()).similar).toHaveLength(5);

    const unknown = await get(similarGET, "/api/movies/similar?title=Harry%20Potter%20and%20the%20Unknown");
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(apiErrorBodySchema.parse(body).error.code).toBe("unknown_title");
    expect(body.error.details.suggestions.length).toBeGreaterThan(0);
    expect(isHarryPotter(body.error.details.suggestions[0].title)).toBe(true);

    const tasteRes = await get(tastePOST, "/api/movies/taste", {
      method: "POST",
      body: JSON.stringify({ liked: [HP1, "No Such Film (1999)"], disliked: ["Nor This One"] }),
      headers: { "content-type": "application/json" },
    });
    expect(tasteRes.status).toBe(400);
    const tasteErr = await tasteRes.json();
    expect(tasteErr.error.code).toBe("unknown_titles");
    expect(tasteErr.error.message).toContain("No Such Film (1999)");
    expect(tasteErr.error.message).toContain("Nor This One");
    const tasteOk = await get(tastePOST, "/api/movies/taste", {
      method: "POST",
      body: JSON.stringify({ liked: [HP1, HP2], k: 3 }),
      headers: { "content-type": "application/json" },
    });
    expect(tasteResponseSchema.parse(await tasteOk.json()).best).toHaveLength(3);

    const started = Date.now();
    const mapRes = await get(mapGET, "/api/movies/map");
    const mapText = await mapRes.text();
    const map = mapResponseSchema.parse(JSON.parse(mapText));
    console.log(`[movies] map on ${backend.label}: ${mapText.length} bytes in ${Date.now() - started} ms`);
    expect(map.titles).toHaveLength(20_000);
    expect(map.titles[0]).toBe(HP1);
    expect(map.cols * map.rows).toBeGreaterThanOrEqual(20_000);
    const cells = new Set(map.gridX.map((x, i) => x + map.cols * map.gridY[i]));
    expect(cells.size).toBe(20_000); // one film per cell
    const etag = mapRes.headers.get("etag");
    expect(etag).toBeTruthy();
    const cached = await get(mapGET, "/api/movies/map", { headers: { "if-none-match": etag! } });
    expect(cached.status).toBe(304);
    const thumbs = thumbnailsResponseSchema.parse(await (await get(thumbnailsGET, "/api/movies/thumbnails")).json());
    expect(thumbs.thumbnails).toHaveLength(20_000);
    expect(thumbs.prefix + thumbs.thumbnails[0]).toMatch(/^https:\/\/upload\.wikimedia\.org\/wikipedia\/en\/.*Harry_Potter/);
  });
});
