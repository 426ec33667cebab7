import { describe, expect, it } from "vitest";

import { accumulateCosineError, accumulateLogLoss } from "@/lib/ml/embedding/loss";
import { PairIndex, pairsOf } from "@/lib/ml/embedding/pairs";
import { WORD2VEC_OPTIONS } from "@/lib/ml/embedding/options";
import { skipGramPairs } from "@/lib/ml/embedding/skip-gram";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { normaliseRows } from "@/lib/ml/vectors";
import { trainHogwild } from "@/lib/ml/node/hogwild";
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
      accumulateCosineError(u, 0, v, 0, dims, target, gu, gv, 1);
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
    expect(accumulateCosineError(u, 0, v, 0, 2, 1, gu, gv, 0.5)).toBeCloseTo(1); // cos = 0, (0 - 1)^2
    // dL/du = 2 (0 - 1) * 0.5 * (v^ - 0) / |u| = -[0, 1]
    expect(Array.from(gu)).toEqual([0, -1]);
    expect(gv[0]).toBeCloseTo(-0.5); // 2 (0 - 1) * 0.5 * u^ / |v|
  });
});

describe("pair index", () => {
  it("knows exactly the pairs it was built from", () => {
    const pairs = { rows: Int32Array.from([0, 0, 3, 9]), contexts: Int32Array.from([1, 2, 1, 4999]) };
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
    expect(Array.from(a.model.rowVectors)).toEqual(Array.from(b.model.rowVectors));
    const first = a.history[0].loss;
    const last = a.history[a.history.length - 1].loss;
    expect(last).toBeLessThan(first * 0.6);

    const unit = normaliseRows(a.model.rowVectors, 16);
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
    expect(heldOut.rows.length).toBeGreaterThan(20);
    expect(train.rows.length + heldOut.rows.length).toBe(pairs.rows.length);
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
    const unit = normaliseRows(r.model.rowVectors, 16);
    let same = 0;
    for (let f = 0; f < filmLinks.length; f++) if (Math.floor(nearestByVector(unit, 16, f, 1)[0] / perGroup) === Math.floor(f / perGroup)) same++;
    expect(same / filmLinks.length).toBeGreaterThan(0.9);
  }, 60_000);
});

describe("word2vec log loss gradient", () => {
  it("matches finite differences of the log loss of sigmoid(u.v)", () => {
    const rng = createRng(8);
    const dims = 5;
    for (const target of [1, 0]) {
      const u = Float32Array.from({ length: dims }, () => rng.gaussian());
      const v = Float32Array.from({ length: dims }, () => rng.gaussian());
      const gu = new Float32Array(dims);
      const gv = new Float32Array(dims);
      const loss = (a: Float32Array | Float64Array, b: Float32Array | Float64Array) => {
        let s = 0;
        for (let d = 0; d < dims; d++) s += a[d] * b[d];
        const p = 1 / (1 + Math.exp(-s));
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
      };
      expect(accumulateLogLoss(u, 0, v, 0, dims, target, gu, gv, 1)).toBeCloseTo(loss(u, v), 5);
      const h = 1e-6;
      for (let d = 0; d < dims; d++) {
        const plus = Float64Array.from(u);
        const minus = Float64Array.from(u);
        plus[d] += h;
        minus[d] -= h;
        expect(gu[d]).toBeCloseTo((loss(plus, v) - loss(minus, v)) / (2 * h), 4);
        const vPlus = Float64Array.from(v);
        const vMinus = Float64Array.from(v);
        vPlus[d] += h;
        vMinus[d] -= h;
        expect(gv[d]).toBeCloseTo((loss(u, vPlus) - loss(u, vMinus)) / (2 * h), 4);
      }
    }
  });
});

describe("word2vec: skip-gram with negative sampling", () => {
  // Playlists of one planted group of 5 items each, with popular items (50..59) mixed in everywhere.
  const groups = 10;
  const perGroup = 5;
  const items = groups * perGroup + 10;
  const rng = createRng(5);
  const sentences = Array.from({ length: 300 }, () => {
    const g = rng.int(groups);
    return Int32Array.from({ length: 8 }, () => (rng.next() < 0.3 ? groups * perGroup + rng.int(10) : g * perGroup + rng.int(perGroup)));
  });

  it("pairs items within the window, new each epoch, and subsamples frequent items", () => {
    const plain = skipGramPairs(sentences, items, { window: 2, subsample: 0, seed: 1 });
    const first = plain.epochPairs(1);
    expect(plain.expectedPairs).toBe(first.rows.length);
    expect(Array.from(plain.epochPairs(1).rows)).toEqual(Array.from(first.rows));
    expect(Array.from(plain.epochPairs(2).rows)).not.toEqual(Array.from(first.rows));
    // Without subsampling every pair is two items at most 2 apart in some playlist.
    const near = new Set<number>();
    for (const s of sentences) for (let i = 0; i < s.length; i++) for (let j = Math.max(0, i - 2); j <= Math.min(s.length - 1, i + 2); j++) if (j !== i) near.add(s[i] * items + s[j]);
    for (let p = 0; p < first.rows.length; p++) expect(near.has(first.rows[p] * items + first.contexts[p])).toBe(true);
    expect(plain.contextCounts.reduce((a, b) => a + b, 0)).toBe(300 * 8);
    // Each popular item is ~3x as frequent as a group item, so subsampling keeps a smaller share of it.
    const sub = skipGramPairs(sentences, items, { window: 2, subsample: 1e-2, seed: 1 }).epochPairs(1);
    const share = (pairs: typeof first, popular: boolean) => Array.from(pairs.rows).filter((r) => (r >= groups * perGroup) === popular).length;
    expect(share(sub, true) / share(first, true)).toBeLessThan(share(sub, false) / share(first, false));
  });

  it("lowers the loss, is reproducible, and makes items of a planted group nearest neighbours", () => {
    const source = skipGramPairs(sentences, items, { window: 3, subsample: 1e-2, seed: 1 });
    const options = { ...WORD2VEC_OPTIONS, dims: 16, epochs: 10, seed: 2 };
    const a = trainEmbedding(source, items, items, options);
    const b = trainEmbedding(source, items, items, options);
    expect(Array.from(a.model.rowVectors)).toEqual(Array.from(b.model.rowVectors));
    expect(a.history[9].loss).toBeLessThan(a.history[0].loss * 0.7);
    const unit = normaliseRows(a.model.rowVectors, 16);
    let same = 0;
    for (let i = 0; i < groups * perGroup; i++) {
      const nearest = nearestByVector(unit, 16, i, 1)[0];
      if (nearest < groups * perGroup && Math.floor(nearest / perGroup) === Math.floor(i / perGroup)) same++;
    }
    expect(same / (groups * perGroup)).toBeGreaterThan(0.9);
  });

  it("needs a fixed pair list for random non-pairs", () => {
    const source = skipGramPairs(sentences, items, { seed: 1 });
    expect(() => trainEmbedding(source, items, items, { epochs: 1 })).toThrow(/PairList/);
  });
});
