import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import type { Database } from "@/lib/db";
import { bruteForceNearest, normalise } from "@/lib/ml/vectors";
import { createRng } from "@/lib/ml/rng";
import {
  clearVectorCache,
  collectionInfo,
  deleteCollection,
  getVector,
  nearest,
  nearestToKey,
  putVectors,
  type Metric,
  type Strategy,
} from "@/lib/vector-search";
import { clusteredSpace } from "@/tests/helpers/clustered-vectors";
import { dropTestDatabases, openTestDatabase } from "@/tests/helpers/databases";
import { describeEachBackend } from "@/tests/helpers/describe-backends";

// Realistic data: 10k x 768 CNN-like embeddings, held-out queries from the same space.
const ROWS = 10_000;
const DIMS = 768;
const QUERIES = 100;
const K = 10;
const space = clusteredSpace({ dims: DIMS, seed: 7 });
const data = space.sample(ROWS, 1).vectors;
const queries = space.sample(QUERIES, 2).vectors;
const items = data.map((vector, i) => ({ key: `img-${i}`, vector }));

/** Exact top-k keys for every query, by plain brute force over the same vectors (computed once per metric). */
const exactByMetric = new Map<Metric, Set<string>[]>();
function exactNeighbours(metric: Metric): Set<string>[] {
  let truth = exactByMetric.get(metric);
  if (!truth) exactByMetric.set(metric, (truth = computeExactNeighbours(metric)));
  return truth;
}

function computeExactNeighbours(metric: Metric): Set<string>[] {
  const indexed = metric === "cosine" ? data.map(normalise) : data;
  const matrix = new Float32Array(ROWS * DIMS);
  indexed.forEach((v, i) => matrix.set(v, i * DIMS));
  return queries.map((q) => {
    const found = bruteForceNearest(matrix, DIMS, metric === "cosine" ? normalise(q) : q, K, metric);
    return new Set(found.map((f) => items[f.index].key));
  });
}

async function expectApiError(promise: Promise<unknown>, status: number, code: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ApiError ${code}`).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(status);
  expect((err as ApiError).code).toBe(code);
}

describeEachBackend("vector search", (backend) => {
  let db: Database;
  const metrics: Metric[] = ["cosine", "euclidean"];
  const collectionOf = (metric: Metric) => `images-${metric}`;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    for (const metric of metrics) {
      const started = Date.now();
      await putVectors(db, collectionOf(metric), items, { metric, replace: true });
      // Loading must stay fast: thousands of rows in seconds even on embedded PGlite.
      expect(Date.now() - started).toBeLessThan(60_000);
    }
    // A second collection with vectors that would win every search if they leaked in.
    await putVectors(
      db,
      "decoys",
      queries.map((vector, i) => ({ key: `decoy-${i}`, vector })),
      { metric: "cosine" },
    );
  });
  afterAll(async () => {
    await db?.close();
    await dropTestDatabases();
    clearVectorCache();
  });

  it("stores the collections with their metadata and vectors", async () => {
    const info = await collectionInfo(db, collectionOf("cosine"));
    expect(info).toMatchObject({ dims: DIMS, metric: "cosine", itemCount: ROWS, reducedDims: 64, projected: true });
    const vector = await getVector(db, collectionOf("cosine"), "img-123");
    expect(Array.from(vector!)).toEqual(Array.from(data[123]));
    expect(await getVector(db, collectionOf("cosine"), "nope")).toBeNull();
    expect(await collectionInfo(db, "nope")).toBeNull();
  });

  for (const metric of ["cosine", "euclidean"] as const) {
    for (const strategy of ["memory", "cube"] as const satisfies Strategy[]) {
      it(`matches exact brute force: ${metric}, ${strategy} (recall@${K} >= 0.99 on ${QUERIES} queries)`, async () => {
        const truth = exactNeighbours(metric);
        let hits = 0;
        for (const [i, query] of queries.entries()) {
          const found = await nearest(db, collectionOf(metric), query, { k: K, strategy });
          expect(found).toHaveLength(K);
          for (let j = 1; j < found.length; j++) expect(found[j].distance).toBeGreaterThanOrEqual(found[j - 1].distance);
          // Filtered by collection: the decoys (the queries themselves) never appear.
          expect(found.some((f) => f.key.startsWith("decoy-"))).toBe(false);
          hits += found.filter((f) => truth[i].has(f.key)).length;
        }
        expect(hits / (K * QUERIES)).toBeGreaterThanOrEqual(0.99);
      });
    }
  }

  it("gives both strategies the same answers, distances and scores", async () => {
    for (const metric of metrics) {
      for (const query of queries.slice(0, 5)) {
        const viaMemory = await nearest(db, collectionOf(metric), query, { k: 5, strategy: "memory" });
        const viaCube = await nearest(db, collectionOf(metric), query, { k: 5, strategy: "cube" });
        expect(viaCube.map((h) => h.key)).toEqual(viaMemory.map((h) => h.key));
        viaCube.forEach((h, i) => {
          expect(h.distance).toBeCloseTo(viaMemory[i].distance, 5);
          expect(h.score).toBeCloseTo(viaMemory[i].score, 5);
        });
        const expectedScore = metric === "cosine" ? 1 - viaMemory[0].distance : 1 / (1 + viaMemory[0].distance);
        expect(viaMemory[0].score).toBeCloseTo(expectedScore, 12);
      }
    }
  });

  it("finds the decoys in their own collection, and a stored vector finds itself first", async () => {
    const found = await nearest(db, "decoys", queries[3], { k: 1 });
    expect(found[0].key).toBe("decoy-3");
    expect(found[0].distance).toBeCloseTo(0, 6);
    expect(found[0].score).toBeCloseTo(1, 6);
    for (const strategy of ["memory", "cube"] as const) {
      const self = await nearest(db, collectionOf("euclidean"), data[42], { k: 1, strategy });
      expect(self[0]).toMatchObject({ key: "img-42", distance: 0, score: 1 });
    }
  });

  it("excludes keys, and nearestToKey excludes the item itself", async () => {
    for (const strategy of ["memory", "cube"] as const) {
      const collection = collectionOf("cosine");
      const plain = await nearest(db, collection, queries[0], { k: 5, strategy });
      const excluded = [plain[0].key, plain[2].key];
      const without = await nearest(db, collection, queries[0], { k: 5, strategy, excludeKeys: excluded });
      expect(without.map((h) => h.key)).not.toContain(plain[0].key);
      expect(without.map((h) => h.key)).not.toContain(plain[2].key);
      expect(without.slice(0, 3).map((h) => h.key)).toEqual([plain[1].key, plain[3].key, plain[4].key]);

      const similar = await nearestToKey(db, collection, "img-7", { k: 5, strategy });
      expect(similar.map((h) => h.key)).not.toContain("img-7");
      const byVector = await nearest(db, collection, data[7], { k: 6, strategy });
      expect(byVector[0].key).toBe("img-7");
      expect(similar.map((h) => h.key)).toEqual(byVector.slice(1).map((h) => h.key));
    }
  });

  it("rejects bad input with ApiErrors the routes can pass through", async () => {
    const collection = collectionOf("cosine");
    await expectApiError(nearest(db, collection, new Float32Array(767)), 400, "dimension_mismatch");
    await expectApiError(nearest(db, collection, [1, 2, 3]), 400, "dimension_mismatch");
    const withNaN = Array.from(data[0]);
    withNaN[5] = NaN;
    await expectApiError(nearest(db, collection, withNaN), 400, "invalid_vector");
    withNaN[5] = Infinity;
    await expectApiError(nearest(db, collection, withNaN), 400, "invalid_vector");
    await expectApiError(nearest(db, collection, new Float32Array(DIMS)), 400, "zero_vector");
    await expectApiError(nearest(db, "no-such-collection", data[0]), 404, "collection_not_found");
    await expectApiError(nearestToKey(db, collection, "no-such-key"), 404, "item_not_found");
    await expectApiError(nearestToKey(db, collection, "no-such-key", { strategy: "cube" }), 404, "item_not_found");
    await expectApiError(nearest(db, collection, data[0], { k: 0 }), 400, "invalid_options");
    await expectApiError(nearest(db, collection, data[0], { metric: "euclidean" }), 400, "metric_mismatch");
    await expectApiError(nearest(db, "bad name!", data[0]), 400, "invalid_collection");
    await expectApiError(putVectors(db, "x", [{ key: "a", vector: [1, 2] }, { key: "b", vector: [1] }], { metric: "euclidean" }), 400, "dimension_mismatch");
    await expectApiError(putVectors(db, "x", [{ key: "a", vector: [1] }, { key: "a", vector: [2] }], { metric: "euclidean" }), 400, "duplicate_key");
    await expectApiError(putVectors(db, "x", [], { metric: "euclidean" }), 400, "invalid_items");
    await expectApiError(putVectors(db, collection, [{ key: "a", vector: [1, 2] }], { metric: "cosine" }), 400, "dimension_mismatch");
    expect(await collectionInfo(db, "x")).toBeNull();
  });

  it("re-putting a collection invalidates the cache, also after delete and re-create", async () => {
    const rng = createRng(5);
    const small = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `v${i}`, vector: Array.from({ length: 8 }, () => offset + rng.gaussian()) }));
    const first = small(50, 0);
    const infoA = await putVectors(db, "mutable", first, { metric: "euclidean" });
    const query = first[10].vector;
    expect((await nearest(db, "mutable", query, { k: 1, strategy: "memory" }))[0].key).toBe("v10");

    // Replace everything: the cached snapshot must not answer any more.
    const second = small(50, 100).map((item) => ({ ...item, key: `w${item.key}` }));
    const infoB = await putVectors(db, "mutable", second, { metric: "euclidean", replace: true });
    expect(infoB.version).toBeGreaterThan(infoA.version);
    expect(infoB.itemCount).toBe(50);
    const afterReplace = await nearest(db, "mutable", query, { k: 3, strategy: "memory" });
    expect(afterReplace.every((h) => h.key.startsWith("w"))).toBe(true);

    // Append (replace: false) adds and overwrites without dropping the rest.
    const infoC = await putVectors(db, "mutable", [{ key: "close", vector: query }, { key: "wv0", vector: query.map((x) => x + 0.5) }], {
      metric: "euclidean",
    });
    expect(infoC.itemCount).toBe(51);
    const afterAppend = await nearest(db, "mutable", query, { k: 2, strategy: "memory" });
    expect(afterAppend.map((h) => h.key)).toEqual(["close", "wv0"]);

    // Delete and re-create: versions come from a sequence, so the old snapshot can never match.
    expect(await deleteCollection(db, "mutable")).toBe(true);
    expect(await deleteCollection(db, "mutable")).toBe(false);
    await expectApiError(nearest(db, "mutable", query, { strategy: "memory" }), 404, "collection_not_found");
    const infoD = await putVectors(db, "mutable", first.slice(0, 5), { metric: "euclidean" });
    expect(infoD.version).toBeGreaterThan(infoC.version);
    expect((await nearest(db, "mutable", query, { k: 10, strategy: "memory" })).map((h) => h.key).sort()).toEqual(
      ["v0", "v1", "v2", "v3", "v4"],
    );
  });

  it("refits the projection when appends double a wide collection, and stays exact", async () => {
    const wide = items.slice(0, 300);
    await putVectors(db, "growing", wide.slice(0, 100), { metric: "cosine", replace: true });
    const fitted = await collectionInfo(db, "growing");
    expect(fitted?.projectionItemCount).toBe(100);
    await putVectors(db, "growing", wide.slice(100, 150), { metric: "cosine" });
    expect((await collectionInfo(db, "growing"))?.projectionItemCount).toBe(100); // reused
    await putVectors(db, "growing", wide.slice(150, 300), { metric: "cosine" });
    const refitted = await collectionInfo(db, "growing");
    expect(refitted).toMatchObject({ itemCount: 300, projectionItemCount: 300 });
    const query = queries[0];
    const viaMemory = await nearest(db, "growing", query, { k: 10, strategy: "memory" });
    const viaCube = await nearest(db, "growing", query, { k: 10, strategy: "cube" });
    const indexed = wide.map((w) => normalise(w.vector));
    const matrix = new Float32Array(300 * DIMS);
    indexed.forEach((v, i) => matrix.set(v, i * DIMS));
    const expected = bruteForceNearest(matrix, DIMS, normalise(query), 10, "cosine").map((f) => wide[f.index].key);
    expect(viaMemory.map((h) => h.key)).toEqual(expected);
    expect(viaCube.map((h) => h.key)).toEqual(expected);
  });

  it("narrow vectors (<= 100 dims) are stored whole in the cube and searched exactly", async () => {
    const rng = createRng(77);
    const narrow = Array.from({ length: 2000 }, (_, i) => ({ key: `m${i}`, vector: Float32Array.from({ length: 50 }, () => rng.gaussian()) }));
    for (const metric of metrics) {
      const info = await putVectors(db, `narrow-${metric}`, narrow, { metric, replace: true });
      expect(info).toMatchObject({ dims: 50, reducedDims: 50, projected: false });
      const matrix = new Float32Array(2000 * 50);
      narrow.forEach((item, i) => matrix.set(metric === "cosine" ? normalise(item.vector) : item.vector, i * 50));
      for (const query of narrow.slice(0, 10).map((n) => n.vector.map((x) => x + 0.3 * rng.gaussian()))) {
        const q = Float32Array.from(query);
        const expected = bruteForceNearest(matrix, 50, metric === "cosine" ? normalise(q) : q, 10, metric);
        for (const strategy of ["memory", "cube"] as const) {
          const found = await nearest(db, `narrow-${metric}`, q, { k: 10, strategy });
          expect(found.map((h) => h.key)).toEqual(expected.map((e) => narrow[e.index].key));
          found.forEach((h, i) => expect(h.distance).toBeCloseTo(expected[i].distance, 5));
        }
      }
    }
  });
});
