import { describe, expect, it } from "vitest";

import { accumulateSample, PairIndex, pairsOf, trainEmbedding } from "@/lib/ml/embedding/trainer";
import { normaliseRows } from "@/lib/ml/vectors";
import { trainHogwild } from "@/lib/ml/embedding/hogwild";
import { evaluateLinkPrediction, nearestByVector, splitHoldout } from "@/lib/movies/pipeline/evaluate";
import { createRng } from "@/lib/ml/rng";

describe("cosine loss gradient", () => {
  it("matches finite differences of (cos(u, v) - y)^2", () => {
    const rng = createRng(5);
    const dims = 7;
    for (const target of [1, -1, 0.3]) {
      const u = Float32Array.from({ length: dims }, () => rng.gaussian());
      const v = Float32Array.from({ length: dims }, () => rng.gaussian() * 0.3);
      const gu = new Float32Array(dims);
      const gv = new Float32Array(dims);
      accumulateSample(u, 0, v, 0, dims, target, gu, gv, 1);
      const loss = (a: Float64Array, b: Float64Array) => {
        let ab = 0;
        let aa = 0;
        let bb = 0;
        for (let d = 0; d < dims; d++) {
          ab += a[d] * b[d];
          aa += a[d] * a[d];
          bb += b[d] * b[d];
        }
        return (ab / Math.sqrt(aa * bb) - target) ** 2;
      };
      const h = 1e-6;
      for (let d = 0; d < dims; d++) {
        for (const [w, g] of [[u, gu], [v, gv]] as const) {
          const plus = Float64Array.from(w);
          const minus = Float64Array.from(w);
          plus[d] += h;
          minus[d] -= h;
          const U = (x: Float64Array) => (w === u ? x : Float64Array.from(u));
          const V = (x: Float64Array) => (w === v ? x : Float64Array.from(v));
          const numeric = (loss(U(plus), V(plus)) - loss(U(minus), V(minus))) / (2 * h);
          expect(g[d]).toBeCloseTo(numeric, 4);
        }
      }
    }
  });

  it("returns the squared error and scales the gradient", () => {
    const u = Float32Array.from([1, 0]);
    const v = Float32Array.from([0, 2]);
    const gu = new Float32Array(2);
    const gv = new Float32Array(2);
    expect(accumulateSample(u, 0, v, 0, 2, 1, gu, gv, 0.5)).toBeCloseTo(1); // cos = 0, (0 - 1)^2
    // dL/du = 2 (0 - 1) * 0.5 * (v^ - 0) / |u| = -[0, 1]
    expect(Array.from(gu)).toEqual([0, -1]);
    expect(gv[0]).toBeCloseTo(-0.5); // 2 (0 - 1) * 0.5 * u^ / |v|
  });
});

describe("pair index", () => {
  it("knows exactly the pairs it was built from", () => {
    const pairs = { films: Int32Array.from([0, 0, 3, 9]), links: Int32Array.from([1, 2, 1, 4999]) };
    const index = new PairIndex(pairs, 5000);
    expect(index.has(0, 1)).toBe(true);
    expect(index.has(9, 4999)).toBe(true);
    expect(index.has(1, 0)).toBe(false);
    expect(index.has(3, 2)).toBe(false);
  });
});

/** Planted groups: films of group g link mostly to links of group g. */
function plantedData(groups: number, filmsPerGroup: number, linksPerGroup: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  const filmLinks: Int32Array[] = [];
  for (let g = 0; g < groups; g++) {
    for (let f = 0; f < filmsPerGroup; f++) {
      const ids = new Set<number>();
      while (ids.size < 6) ids.add(g * linksPerGroup + rng.int(linksPerGroup));
      ids.add(rng.int(groups * linksPerGroup)); // one random link: noise
      filmLinks.push(Int32Array.from([...ids].sort((a, b) => a - b)));
    }
  }
  return filmLinks;
}

describe("training", () => {
  const groups = 6;
  const perGroup = 20;
  const filmLinks = plantedData(groups, perGroup, 10, 11);
  const linkCount = groups * 10;
  const pairs = pairsOf(filmLinks);

  it("lowers the loss, is reproducible, and recovers planted groups as nearest neighbours", () => {
    const options = { dims: 16, epochs: 25, batchSize: 32, learningRate: 0.01, seed: 3 };
    const a = trainEmbedding(pairs, filmLinks.length, linkCount, options);
    const b = trainEmbedding(pairs, filmLinks.length, linkCount, options);
    expect(Array.from(a.model.filmVectors)).toEqual(Array.from(b.model.filmVectors));
    const first = a.history[0].loss;
    const last = a.history[a.history.length - 1].loss;
    expect(last).toBeLessThan(first * 0.6);

    const unit = normaliseRows(a.model.filmVectors, 16);
    let same = 0;
    let total = 0;
    for (let f = 0; f < filmLinks.length; f++) {
      for (const n of nearestByVector(unit, 16, f, 5)) {
        total++;
        if (Math.floor(n / perGroup) === Math.floor(f / perGroup)) same++;
      }
    }
    expect(same / total).toBeGreaterThan(0.9);
  });

  it("predicts held-out links of the planted groups far better than chance", () => {
    const { train, heldOut } = splitHoldout(filmLinks, linkCount, 0.15, 9);
    expect(heldOut.films.length).toBeGreaterThan(20);
    expect(train.films.length + heldOut.films.length).toBe(pairs.films.length);
    const { model } = trainEmbedding(train, filmLinks.length, linkCount, { dims: 16, epochs: 25, batchSize: 32, learningRate: 0.01, seed: 4 });
    const result = evaluateLinkPrediction(model, train, heldOut, { rankSample: 100 });
    expect(result.auc).toBeGreaterThan(0.85);
    expect(result.hitsAtK).toBeGreaterThan(0.5);
  });

  it("the dense (Keras-like) baseline optimiser learns too", () => {
    const r = trainEmbedding(pairs, filmLinks.length, linkCount, { dims: 16, epochs: 5, batchSize: 32, learningRate: 0.01, seed: 3, sparse: false });
    expect(r.history[4].loss).toBeLessThan(r.history[0].loss);
  });

  it("Hogwild worker threads train the same model on shared weights", async () => {
    const r = await trainHogwild(pairs, filmLinks.length, linkCount, { dims: 16, epochs: 25, batchSize: 32, learningRate: 0.01, seed: 3, threads: 2 });
    expect(r.history).toHaveLength(25);
    expect(r.history[24].loss).toBeLessThan(r.history[0].loss * 0.6);
    const unit = normaliseRows(r.model.filmVectors, 16);
    let same = 0;
    for (let f = 0; f < filmLinks.length; f++) if (Math.floor(nearestByVector(unit, 16, f, 1)[0] / perGroup) === Math.floor(f / perGroup)) same++;
    expect(same / filmLinks.length).toBeGreaterThan(0.9);
  }, 60_000);
});
