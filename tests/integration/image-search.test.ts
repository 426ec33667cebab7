/**
 * Reverse image search on a real database, on PGlite always and PostgreSQL when
 * DATABASE_URL is set: the "images" seed step, search through the shared vector search,
 * the calibrated "no match", and the API routes (called as modules, with the test
 * database installed as the app's database).
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { photosResponseSchema, searchResponseSchema, similarResponseSchema, type PhotosResponse, type SearchResponse } from "@/lib/image-search/core/api-schema";
import { assignHalves, sameClass } from "@/lib/image-search/core/calibration";
import { applyTransform } from "@/lib/image-search/core/transform";
import { imageSearchSeedStep } from "@/lib/image-search/server/seed-step";
import { embedImageBytes, serverEmbedStatus, warmServerEmbedder } from "@/lib/image-search/server/embed";
import { compareEmbeddings } from "@/lib/vision/onnx/compare";
import { loadImageIndex, loadTransform } from "@/lib/image-search/server/load";
import { loadCalibration, searchByVector, searchSimilar } from "@/lib/image-search/server/search";
import { INDEX_COLLECTION, photoById, photoVector, storeImageIndex } from "@/lib/image-search/server/store";
import { excludedFor } from "@/scripts/image-search/loo";
import { collectionInfo } from "@/lib/vector-search";
import { GET as photosGET } from "@/app/api/image-search/photos/route";
import { POST as searchPOST } from "@/app/api/image-search/search/route";
import { GET as similarGET } from "@/app/api/image-search/similar/route";
import { dropTestDatabases, openTestDatabase } from "../helpers/databases";
import { describeEachBackend } from "../helpers/describe-backends";

const FIXTURES = path.resolve(__dirname, "../fixtures/images");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const appDb = globalThis as unknown as { appDatabase?: Promise<Database> };

afterAll(async () => {
  delete appDb.appDatabase;
  await dropTestDatabases();
});

function upload(bytes: Uint8Array, k?: number, query = ""): Request {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "query.jpg");
  if (k) form.set("k", String(k));
  return new Request(`http://localhost/api/image-search/search${query}`, { method: "POST", body: form });
}

async function ok<T>(response: Response, schema: { parse(x: unknown): T }): Promise<T> {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return schema.parse(body);
}

/** Synthetic images that are no photo of anything: flat colours, noise, text, a gradient. */
async function syntheticImages(): Promise<Record<string, Buffer>> {
  let seed = 99;
  const noise = Buffer.alloc(256 * 256 * 3).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const gradient = Buffer.alloc(256 * 256 * 3);
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) gradient.set([x, y, 255 - x], (y * 256 + x) * 3);
  const text = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="white"/>
     <text x="10" y="70" font-size="40" font-family="sans-serif">Invoice #4711</text>
     <text x="10" y="130" font-size="28" font-family="sans-serif">Total due: 42.00 EUR</text>
     <text x="10" y="190" font-size="28" font-family="sans-serif">Thank you!</text></svg>`,
  );
  const flat = (r: number, g: number, b: number) => sharp({ create: { width: 200, height: 150, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
  return {
    "flat grey": await flat(128, 128, 128),
    "flat red": await flat(220, 30, 30),
    "flat white": await flat(255, 255, 255),
    noise: await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } }).jpeg().toBuffer(),
    gradient: await sharp(gradient, { raw: { width: 256, height: 256, channels: 3 } }).png().toBuffer(),
    text: await sharp(text).png().toBuffer(),
  };
}

describeEachBackend("reverse image search", (backend) => {
  let db: Database;
  const index = loadImageIndex(path.resolve("data/image-search"));
  const transform = loadTransform(path.resolve("data/image-search")).then((t) => t.transform);
  /** The committed raw (768-d) embedding of a photo, as the browser would send it. */
  const rawVector = async (id: string) => {
    const { photos, vectors, dim } = await index;
    const row = photos.findIndex((p) => p.id === id);
    return vectors.subarray(row * dim, (row + 1) * dim);
  };

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    // How long seeding takes: `npm run bench -- seed` (and image-search-speed).
    const [report] = await runSeeds(db, [imageSearchSeedStep], () => undefined);
    expect(report.status).toBe("seeded");
    appDb.appDatabase = Promise.resolve(db);
  });
  afterAll(async () => {
    delete appDb.appDatabase;
    await db?.close();
  });

  it("seeds every photo into one searchable collection, in the committed search space", async () => {
    const { photos } = await index;
    const [{ count }] = await db.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM image_photo`);
    expect(count).toBe(photos.length);
    expect((await collectionInfo(db, INDEX_COLLECTION))?.itemCount).toBe(photos.length);
    expect(await collectionInfo(db, "caltech101-heldout")).toBeNull();
    const dalmatian = await photoById(db, "dalmatian/image_0006");
    expect(dalmatian).toMatchObject({ label: "dalmatian", split: "query", thumbnailUrl: "/images/caltech101/dalmatian/image_0006.jpg" });
    expect(dalmatian!.imagenet[0].label).toBe("dalmatian");
    expect(dalmatian!.imagenet).toHaveLength(5);
    // The stored vectors are the committed ones through the committed transform, bit for bit.
    const stored = await photoVector(db, dalmatian!);
    expect(Array.from(stored!)).toEqual(Array.from(applyTransform(await transform, await rawVector("dalmatian/image_0006"))));
  });

  it("re-seeding replaces the rows wholesale (no duplicates)", async () => {
    const rows = await storeImageIndex(db, await index, await transform);
    const [{ count }] = await db.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM image_photo`);
    expect(rows).toBe(2 * count);
    expect((await collectionInfo(db, INDEX_COLLECTION))?.itemCount).toBe(count);
  });

  it("held-out test-half photos searched leave-one-out reproduce the committed operating point", async () => {
    const { photos } = await index;
    const calibration = loadCalibration();
    const halves = assignHalves(photos);
    const test = photos.filter((p) => p.split !== "index" && halves.get(p.id) === "test");
    let inNo = 0;
    let bgNo = 0;
    for (const p of test) {
      const labels = p.imagenet.map(([label, probability]) => ({ label, probability }));
      const answer = await searchByVector(db, await rawVector(p.id), { labels, excludeIds: excludedFor(p.id) });
      expect(answer.results.map((r) => r.id)).not.toContain(p.id);
      if (!answer.noMatch) continue;
      if (p.split === "background") bgNo++;
      else inNo++;
    }
    const background = test.filter((p) => p.split === "background").length;
    expect(inNo / (test.length - background)).toBeCloseTo(calibration.operatingPoint.testHalf.inCollectionNoMatch, 4);
    expect(bgNo / background).toBeCloseTo(calibration.operatingPoint.testHalf.backgroundNoMatch, 4);
  });

  it("a held-out photo's nearest neighbours are mostly its class", async () => {
    const { photos } = await index;
    const classes = ["dalmatian", "soccer_ball", "airplanes", "Motorbikes", "Leopards", "watch", "sunflower", "pizza"];
    let hits = 0;
    let total = 0;
    for (const p of photos.filter((x) => x.split === "query" && classes.includes(x.label))) {
      const answer = await searchSimilar(db, p.id, { k: 10 });
      expect(answer.results).toHaveLength(10);
      expect(answer.results.every((r) => r.id !== p.id)).toBe(true);
      for (const r of answer.results) {
        total++;
        if (sameClass(r.label, p.label)) hits++;
      }
      // scores are cosine similarities, best first
      const scores = answer.results.map((r) => r.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
    expect(total).toBeGreaterThan(1000);
    expect(hits / total).toBeGreaterThan(0.85);
  });

  it("an indexed photo is left out of its own results", async () => {
    const answer = await searchSimilar(db, "dalmatian/image_0001", { k: 5 });
    expect(answer.query).toMatchObject({ id: "dalmatian/image_0001", split: "index" });
    expect(answer.results.map((r) => r.id)).not.toContain("dalmatian/image_0001");
    expect(answer.results[0].label).toBe("dalmatian");
    expect(answer.noMatch).toBe(false);
  });

  it("says no match for background clutter and finds a match for in-collection photos", async () => {
    const sure = ["dalmatian/image_0006", "soccer_ball/image_0003", "yin_yang/image_0014", "umbrella/image_0052", "kangaroo/image_0009"];
    for (const id of sure) {
      const answer = await searchSimilar(db, id);
      expect(answer.noMatch, id).toBe(false);
      expect(answer.confidence, id).toBeGreaterThan(0.8);
      expect(sameClass(answer.results[0].label, answer.query.label), id).toBe(true);
    }
    for (const id of ["BACKGROUND_Google/image_0006", "BACKGROUND_Google/image_0223", "BACKGROUND_Google/image_0043", "BACKGROUND_Google/image_0003"]) {
      const answer = await searchSimilar(db, id);
      expect(answer.noMatch, id).toBe(true);
      expect(answer.confidence, id).toBeLessThan(0.2);
    }
    // And over all 200 background photos: most say no match.
    const { photos } = await index;
    let refused = 0;
    const background = photos.filter((p) => p.split === "background");
    for (const p of background) if ((await searchSimilar(db, p.id, { k: 10 })).noMatch) refused++;
    expect(refused / background.length).toBeGreaterThan(0.75);
  });

  it("rejects bad vectors with 400 and a reason", async () => {
    const bad = async (vector: number[]) => {
      try {
        await searchByVector(db, vector);
      } catch (err) {
        return err as { kind: string; code: string };
      }
      throw new Error("expected a rejection");
    };
    await expect(bad(new Array(768).fill(0))).resolves.toMatchObject({ kind: "invalid_input", code: "zero_vector" });
    await expect(bad(new Array(767).fill(0.1))).resolves.toMatchObject({ kind: "invalid_input", code: "dimension_mismatch" });
    await expect(bad([...new Array(767).fill(0.1), NaN])).resolves.toMatchObject({ kind: "invalid_input", code: "invalid_vector" });
    const route = await searchPOST(
      new Request("http://localhost/api/image-search/search", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ vector: new Array(768).fill(0) }) }),
      undefined,
    );
    expect(route.status).toBe(400);
    expect(apiErrorBodySchema.parse(await route.json()).error.code).toBe("zero_vector");
  });

  it("POST /api/image-search/search with a vector: the k nearest, the confidence and the labels sent along", async () => {
    const dalmatian = (await photoById(db, "dalmatian/image_0006"))!;
    const vector = Array.from(await rawVector(dalmatian.id));
    const labels = [...dalmatian.imagenet].reverse();
    const answer = await ok(
      await searchPOST(
        new Request("http://localhost/api/image-search/search", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ vector, k: 7, labels }) }),
        undefined,
      ),
      searchResponseSchema,
    );
    expect(answer.results).toHaveLength(7);
    expect(answer.labels).toEqual(dalmatian.imagenet);
    // Every photo is searchable: the photo's own vector finds the photo first (the score is the
    // cosine to the expanded query, so a little under 1).
    expect(answer.results[0].id).toBe(dalmatian.id);
    expect(answer.results[0].score).toBeGreaterThan(0.9);
    // Searching with the raw vector, itself excluded = searching with the stored photo.
    const similar = await searchSimilar(db, "dalmatian/image_0006", { k: 7 });
    const without = await searchByVector(db, vector, { k: 7, labels, excludeIds: [dalmatian.id] });
    expect(without.results).toEqual(similar.results);
    expect(without.confidence).toBeCloseTo(similar.confidence, 12);
  });

  it("POST /api/image-search/search with an uploaded photo embeds it in Node (session warmed as at server start) and finds its class", async () => {
    const warmStart = performance.now();
    await warmServerEmbedder();
    expect(serverEmbedStatus().loaded).toContain("ort-wasm");
    const t0 = performance.now();
    const dog = await ok(await searchPOST(upload(fixture("dalmatian-image_0006.jpg"), 12), undefined), searchResponseSchema);
    console.log(`[images] server warm-up (ORT session + one inference) ${(t0 - warmStart).toFixed(0)} ms; first upload search after it: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(dog.results).toHaveLength(12);
    expect(dog.results.slice(0, 5).filter((r) => r.label === "dalmatian").length).toBeGreaterThanOrEqual(4);
    expect(dog.noMatch).toBe(false);
    expect(dog.labels).toHaveLength(5);
    expect(dog.labels[0].label).toBe("dalmatian");
    // The server's embedding of the original file = the committed one (same pipeline), up to the uint8
    // quantisation: the photo itself comes first, and the same neighbours follow.
    expect(dog.results[0].id).toBe("dalmatian/image_0006");
    const stored = await searchByVector(db, await rawVector("dalmatian/image_0006"), { k: 12 });
    expect(dog.results.slice(0, 5).map((r) => r.id)).toEqual(stored.results.slice(0, 5).map((r) => r.id));

    const ball = await ok(await searchPOST(upload(fixture("soccer_ball-image_0003.jpg")), undefined), searchResponseSchema);
    expect(ball.results[0].label).toBe("soccer_ball");
    expect(ball.noMatch).toBe(false);

    const clutter = await ok(await searchPOST(upload(fixture("BACKGROUND_Google-image_0006.jpg")), undefined), searchResponseSchema);
    expect(clutter.noMatch).toBe(true);
  });

  it("uploads run on ONNX Runtime by default; ?backend=tfjs-wasm gives the same vector and results on tfjs", async () => {
    const bytes = fixture("dalmatian-image_0006.jpg");
    const [ort, tfjs] = [await embedImageBytes(bytes), await embedImageBytes(bytes, undefined, undefined, "tfjs-wasm")];
    expect([ort.backend, tfjs.backend]).toEqual(["ort-wasm", "tfjs-wasm"]);
    const { minCosine, maxAbsDiff } = compareEmbeddings([tfjs.embedding], [ort.embedding]);
    console.log(`[images] server upload, ORT vs tfjs: 1 - cosine ${(1 - minCosine).toExponential(2)}, max |diff| ${maxAbsDiff.toExponential(2)}`);
    expect(minCosine).toBeGreaterThan(0.9999);
    expect(serverEmbedStatus().loaded.sort()).toEqual(["ort-wasm", "tfjs-wasm"]);
    const [a, b] = [
      await ok(await searchPOST(upload(bytes, 5), undefined), searchResponseSchema),
      await ok(await searchPOST(upload(bytes, 5, "?backend=tfjs-wasm"), undefined), searchResponseSchema),
    ];
    expect(b.results.map((r) => r.id)).toEqual(a.results.map((r) => r.id));
    expect(b.labels.map((l) => l.label)).toEqual(a.labels.map((l) => l.label));
    const bad = await searchPOST(upload(bytes, 5, "?backend=tfjs-webgl"), undefined);
    expect(bad.status).toBe(400);
    expect(apiErrorBodySchema.parse(await bad.json()).error.code).toBeTruthy();
  });

  it("says no match for images that are no photo at all: flat colours, noise, text, a gradient", async () => {
    const answers: Record<string, SearchResponse> = {};
    for (const [name, bytes] of Object.entries(await syntheticImages())) {
      answers[name] = await ok(await searchPOST(upload(bytes), undefined), searchResponseSchema);
    }
    console.log(
      `[images] synthetic: ${Object.entries(answers)
        .map(([n, a]) => `${n} ${a.confidence.toFixed(3)}${a.noMatch ? " no-match" : ` MATCH ${a.results[0].label} ${a.results[0].score.toFixed(3)}`}`)
        .join("; ")}`,
    );
    for (const [name, answer] of Object.entries(answers)) expect(answer.noMatch, name).toBe(true);
  });

  it("GET /api/image-search/similar answers with the photo and 404 for an unknown id", async () => {
    const answer = await ok(await similarGET(new Request("http://localhost/api/image-search/similar?id=soccer_ball/image_0003&k=3"), undefined), similarResponseSchema);
    expect(answer.query.id).toBe("soccer_ball/image_0003");
    expect(answer.results).toHaveLength(3);
    expect(answer.labels[0].label).toBe(answer.query.imagenet[0].label);
    const missing = await similarGET(new Request("http://localhost/api/image-search/similar?id=nope/nothing"), undefined);
    expect(missing.status).toBe(404);
    expect(apiErrorBodySchema.parse(await missing.json()).error.code).toBe("photo_not_found");
  });

  it("GET /api/image-search/photos pages through a class and a split without gaps or repeats", async () => {
    const { photos } = await index;
    const expected = photos.filter((p) => p.label === "dalmatian" && p.split === "index").map((p) => p.id).sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `http://localhost/api/image-search/photos?label=dalmatian&split=index&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page: PhotosResponse = await ok(await photosGET(new Request(url), undefined), photosResponseSchema);
      expect(page.total).toBe(expected.length);
      expect(page.photos.length).toBeLessThanOrEqual(10);
      seen.push(...page.photos.map((p) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(expected);
    const background = await ok(await photosGET(new Request("http://localhost/api/image-search/photos?split=background&limit=5"), undefined), photosResponseSchema);
    expect(background.total).toBe(200);
    expect(background.photos.every((p) => p.split === "background")).toBe(true);
    const none = await ok(await photosGET(new Request("http://localhost/api/image-search/photos?label=unicorn"), undefined), photosResponseSchema);
    expect(none).toEqual({ photos: [], nextCursor: null, total: 0 });
  });
});
