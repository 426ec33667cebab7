import { describe, expect, it } from "vitest";
import { bruteForceNearest, distance, normalise } from "@/lib/ml/vectors";
import { createRng } from "@/lib/ml/rng";
import { fitPca } from "@/lib/ml/pca";
import { memorySearch, snapshotFromVectors } from "@/lib/vector-search/memory-strategy";
import { nearestOptionsSchema, nearestQueryParamsSchema, nearestRequestSchema, putOptionsSchema } from "@/lib/vector-search/schema";
import { clusteredSpace } from "@/tests/helpers/clustered-vectors";

describe("in-memory search with PCA pruning", () => {
  const dims = 256;
  const space = clusteredSpace({ dims, clusters: 30, seed: 3 });
  const data = space.sample(1000, 1).vectors;
  const queries = space.sample(25, 2).vectors;
  const items = data.map((vector, i) => ({ key: `k${i}`, vector }));

  for (const metric of ["cosine", "euclidean"] as const) {
    it(`returns exactly brute force's neighbours and distances (${metric})`, () => {
      const indexed = metric === "cosine" ? data.map(normalise) : data;
      const sample = new Float32Array(500 * dims);
      for (let i = 0; i < 500; i++) sample.set(indexed[i], i * dims);
      const projection = fitPca(sample, dims, 100, { seed: 1, powerIterations: 2 });
      const pruned = snapshotFromVectors("c", metric, items, projection);
      expect(pruned.prefix?.dims).toBe(64);
      const plain = snapshotFromVectors("c", metric, items, null);
      expect(plain.prefix).toBeNull();
      for (const query of queries) {
        const expected = data
          .map((v, i) => ({ key: `k${i}`, distance: distance(metric, query, v) }))
          .sort((a, b) => a.distance - b.distance)
          .slice(0, 10);
        for (const snapshot of [pruned, plain]) {
          const found = memorySearch(snapshot, query, { k: 10, excludeKeys: [] });
          expect(found.map((f) => f.key)).toEqual(expected.map((e) => e.key));
          found.forEach((f, i) => expect(f.distance).toBeCloseTo(expected[i].distance, 4));
        }
      }
    });
  }

  it("still finds everything when the bound prunes nothing (a query far from all data)", () => {
    const projection = fitPca(
      (() => {
        const m = new Float32Array(300 * dims);
        for (let i = 0; i < 300; i++) m.set(data[i], i * dims);
        return m;
      })(),
      dims,
      64,
      { seed: 2 },
    );
    const snapshot = snapshotFromVectors("c", "euclidean", items, projection);
    const rng = createRng(9);
    const far = Float32Array.from({ length: dims }, () => 100 * rng.gaussian());
    const found = memorySearch(snapshot, far, { k: 25, excludeKeys: [] });
    const matrix = new Float32Array(data.length * dims);
    data.forEach((v, i) => matrix.set(v, i * dims));
    expect(found.map((f) => f.key)).toEqual(bruteForceNearest(matrix, dims, far, 25, "euclidean").map((f) => `k${f.index}`));
  });

  it("honours excludeKeys, k larger than the collection, and scores", () => {
    const few = items.slice(0, 5);
    const snapshot = snapshotFromVectors("c", "cosine", few, null);
    const found = memorySearch(snapshot, few[0].vector, { k: 50, excludeKeys: ["k0", "k3", "missing"] });
    expect(found.map((f) => f.key).sort()).toEqual(["k1", "k2", "k4"]);
    for (const hit of found) expect(hit.score).toBeCloseTo(1 - hit.distance, 12);
  });
});

describe("vector search schemas", () => {
  it("fills defaults and rejects bad options", () => {
    expect(nearestOptionsSchema.parse({})).toEqual({ k: 10, excludeKeys: [], strategy: "auto" });
    expect(nearestOptionsSchema.safeParse({ k: 0 }).success).toBe(false);
    expect(nearestOptionsSchema.safeParse({ k: 2.5 }).success).toBe(false);
    expect(nearestOptionsSchema.safeParse({ strategy: "pgvector" }).success).toBe(false);
    expect(nearestOptionsSchema.safeParse({ kk: 3 }).success).toBe(false);
    expect(putOptionsSchema.parse({ metric: "euclidean" })).toEqual({ metric: "euclidean", replace: false });
  });

  it("parses query strings and JSON bodies", () => {
    expect(nearestQueryParamsSchema.parse({ k: "5", exclude: "a" })).toEqual({ k: 5, strategy: "auto", excludeKeys: ["a"] });
    expect(nearestQueryParamsSchema.parse({ exclude: ["a", "b"], strategy: "cube" }).excludeKeys).toEqual(["a", "b"]);
    expect(nearestRequestSchema.safeParse({ vector: [1, 2, 3] }).success).toBe(true);
    expect(nearestRequestSchema.safeParse({ vector: [] }).success).toBe(false);
    expect(nearestRequestSchema.safeParse({ vector: [1, null] }).success).toBe(false);
  });
});
