import { afterAll, beforeAll, expect, it } from "vitest";
import { HTTP_STATUS_BY_KIND } from "@/lib/api/route";
import { DomainError } from "@/lib/errors";
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

/**
 * The exact ranking for every query: every row's distance computed here in float64 (no
 * search code involved), the nearest K + 50 kept in order (computed once per metric).
 */
const exactByMetric = new Map<Metric, { key: string; distance: number }[][]>();
function exactRanking(metric: Metric): { key: string; distance: number }[][] {
  let truth = exactByMetric.get(metric);
  if (!truth) {
    const norms = data.map((v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)));
    const all = new Float64Array(ROWS);
    truth = queries.map((q) => {
      const qNorm = Math.sqrt(q.reduce((s, x) => s + x * x, 0));
      for (let r = 0; r < ROWS; r++) {
        const v = data[r];
        let acc = 0;
        if (metric === "cosine") {
          for (let d = 0; d < DIMS; d++) acc += q[d] * v[d];
          all[r] = 1 - acc / (qNorm * norms[r]);
        } else {
          for (let d = 0; d < DIMS; d++) acc += (q[d] - v[d]) ** 2;
          all[r] = Math.sqrt(acc);
        }
      }
      const cutoff = Float64Array.from(all).sort()[K + 49];
      const ranking: { key: string; distance: number }[] = [];
      for (let r = 0; r < ROWS; r++) if (all[r] <= cutoff) ranking.push({ key: items[r].key, distance: all[r] });
      return ranking.sort((x, y) => x.distance - y.distance);
    });
    exactByMetric.set(metric, truth);
  }
  return truth;
}

/**
 * `found` is exactly the k nearest: every found row has its true distance, no row outside
 * the true top k is returned, and every row nearer than the k-th is returned. The only
 * freedom is among rows tied with the k-th distance (within 1e-6, float32 storage).
 */
function expectExactNeighbours(found: { key: string; distance: number }[], ranking: { key: string; distance: number }[], k: number, what: string) {
  expect(found, what).toHaveLength(k);
  const kth = ranking[k - 1].distance;
  const tie = 1e-6 * Math.max(1, kth);
  expect(ranking.at(-1)!.distance, `${what}: ranking long enough to cover ties`).toBeGreaterThan(kth + tie);
  const truth = new Map(ranking.map((r) => [r.key, r.distance]));
  for (const f of found) {
    const d = truth.get(f.key);
    expect(d, `${what}: ${f.key} is not among the nearest`).toBeDefined();
    expect(d!, `${what}: ${f.key} is farther than the k-th nearest`).toBeLessThanOrEqual(kth + tie);
    expect(Math.abs(f.distance - d!), `${what}: ${f.key} distance ${f.distance} vs exact ${d}`).toBeLessThanOrEqual(tie);
  }
  const foundKeys = new Set(found.map((f) => f.key));
  expect(foundKeys.size, `${what}: duplicate keys`).toBe(k);
  for (const r of ranking) if (r.distance < kth - tie) expect(foundKeys.has(r.key), `${what}: missed ${r.key} at ${r.distance} (k-th ${kth})`).toBe(true);
}

async function expectDomainError(promise: Promise<unknown>, status: number, code: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected DomainError ${code}`).toBeInstanceOf(DomainError);
  expect(HTTP_STATUS_BY_KIND[(err as DomainError).kind]).toBe(status);
  expect((err as DomainError).code).toBe(code);
}

describeEachBackend("vector search", (backend) => {
  let db: Database;
  const metrics: Metric[] = ["cosine", "euclidean"];
  const collectionOf = (metric: Metric) => `images-${metric}`;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    // How fast this loads: `npm run bench -- vector-search` prints the put time.
    for (const metric of metrics) await putVectors(db, collectionOf(metric), items, { metric, replace: true });
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
      it(`matches exact brute force: ${metric}, ${strategy} (the same ${K} neighbours for all ${QUERIES} queries, ties aside)`, async () => {
        const truth = exactRanking(metric);
        for (const [i, query] of queries.entries()) {
          const found = await nearest(db, collectionOf(metric), query, { k: K, strategy });
          for (let j = 1; j < found.length; j++) expect(found[j].distance).toBeGreaterThanOrEqual(found[j - 1].distance);
          // Filtered by collection: the decoys (the queries themselves) never appear.
          expect(found.some((f) => f.key.startsWith("decoy-"))).toBe(false);
          expectExactNeighbours(found, truth[i], K, `query ${i}`);
        }
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

  it("rejects bad input with DomainErrors the routes can pass through", async () => {
    const collection = collectionOf("cosine");
    await expectDomainError(nearest(db, collection, new Float32Array(767)), 400, "dimension_mismatch");
    await expectDomainError(nearest(db, collection, [1, 2, 3]), 400, "dimension_mismatch");
    const withNaN = Array.from(data[0]);
    withNaN[5] = NaN;
    await expectDomainError(nearest(db, collection, withNaN), 400, "invalid_vector");
    withNaN[5] = Infinity;
    await expectDomainError(nearest(db, collection, withNaN), 400, "invalid_vector");
    await expectDomainError(nearest(db, collection, new Float32Array(DIMS)), 400, "zero_vector");
    await expectDomainError(nearest(db, "no-such-collection", data[0]), 404, "collection_not_found");
    await expectDomainError(nearestToKey(db, collection, "no-such-key"), 404, "item_not_found");
    await expectDomainError(nearestToKey(db, collection, "no-such-key", { strategy: "cube" }), 404, "item_not_found");
    await expectDomainError(nearest(db, collection, data[0], { k: 0 }), 400, "invalid_options");
    await expectDomainError(nearest(db, collection, data[0], { metric: "euclidean" }), 400, "metric_mismatch");
    await expectDomainError(nearest(db, "bad name!", data[0]), 400, "invalid_collection");
    await expectDomainError(putVectors(db, "x", [{ key: "a", vector: [1, 2] }, { key: "b", vector: [1] }], { metric: "euclidean" }), 400, "dimension_mismatch");
    await expectDomainError(putVectors(db, "x", [{ key: "a", vector: [1] }, { key: "a", vector: [2] }], { metric: "euclidean" }), 400, "duplicate_key");
    await expectDomainError(putVectors(db, "x", [], { metric: "euclidean" }), 400, "invalid_items");
    await expectDomainError(putVectors(db, collection, [{ key: "a", vector: [1, 2] }], { metric: "cosine" }), 400, "dimension_mismatch");
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
    await expectDomainError(nearest(db, "mutable", query, { strategy: "memory" }), 404, "collection_not_found");
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
