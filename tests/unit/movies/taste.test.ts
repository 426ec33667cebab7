import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/ml/rng";
import {
  learnTaste,
  ORIGINAL_TASTE,
  ROBUST_TASTE,
  type TasteSettings,
  probabilityFromCosine,
  rankCatalogue,
  sampleIndices,
  seedFromStrings,
  tasteExamples,
  tasteProbability,
  trainTaste,
  weightNorm,
  WEAK_NEGATIVE_WEIGHT,
} from "@/lib/movies/core/taste";

/** Seeded unit vectors in `clusters` groups around random centres. */
function clustered(n: number, dims: number, clusters: number, seed = 7): { vectors: Float32Array; cluster: number[] } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296) * 2 - 1;
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dims }, rand));
  const vectors = new Float32Array(n * dims);
  const cluster: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % clusters;
    cluster.push(c);
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const v = centres[c][d] + 0.35 * rand();
      vectors[i * dims + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < dims; d++) vectors[i * dims + d] /= Math.sqrt(norm);
  }
  return { vectors, cluster };
}

const row = (v: Float32Array, dims: number, i: number) => v.subarray(i * dims, (i + 1) * dims);

describe("taste examples", () => {
  it("balances the classes and weighs random negatives lower than dislikes", () => {
    const a = [1, 0];
    const b = [0, 1];
    const ex = tasteExamples([a, a], [b], [b, b]);
    const sum = (label: 0 | 1) => ex.filter((e) => e.label === label).reduce((s, e) => s + e.weight, 0);
    expect(sum(1)).toBeCloseTo(1);
    expect(sum(0)).toBeCloseTo(1);
    const [dislike, weak] = ex.filter((e) => e.label === 0).map((e) => e.weight);
    expect(weak / dislike).toBeCloseTo(WEAK_NEGATIVE_WEIGHT);
  });

  it("needs a liked film and some negative", () => {
    expect(() => tasteExamples([], [[1, 0]])).toThrow();
    expect(() => tasteExamples([[1, 0]], [], [])).toThrow();
  });
});

describe("trainTaste", () => {
  it("separates liked from disliked and points its weights towards the liked films", () => {
    const dims = 8;
    const { vectors, cluster } = clustered(200, dims, 4);
    const liked = [0, 4, 8].map((i) => row(vectors, dims, i)); // cluster 0
    const disliked = [1, 5].map((i) => row(vectors, dims, i)); // cluster 1
    const model = trainTaste(tasteExamples(liked, disliked));
    for (const v of liked) expect(tasteProbability(model, v)).toBeGreaterThan(0.5);
    for (const v of disliked) expect(tasteProbability(model, v)).toBeLessThan(0.5);
    // Held-out members of the liked cluster score above the disliked cluster's.
    expect(tasteProbability(model, row(vectors, dims, 12))).toBeGreaterThan(tasteProbability(model, row(vectors, dims, 13)));
    expect(cluster[12]).toBe(0);
    expect(weightNorm(model)).toBeGreaterThan(0);
  });

  it("ranks the catalogue: the liked cluster first, input films excluded, worst from the other side", () => {
    const dims = 10;
    const { vectors, cluster } = clustered(400, dims, 5, 11);
    const likedIdx = [0, 5];
    const weakIdx = sampleIndices(400, 100, seedFromStrings(["a", "b"]), new Set(likedIdx));
    const model = trainTaste(tasteExamples(likedIdx.map((i) => row(vectors, dims, i)), [], weakIdx.map((i) => row(vectors, dims, i))));
    const { best, worst } = rankCatalogue(model, vectors, dims, new Set(likedIdx), 10);
    expect(best).toHaveLength(10);
    expect(best.every((b) => !likedIdx.includes(b.index))).toBe(true);
    expect(best.filter((b) => cluster[b.index] === 0).length).toBeGreaterThanOrEqual(9);
    expect(worst.every((w) => cluster[w.index] !== 0)).toBe(true);
    expect(best[0].score).toBeGreaterThan(worst[0].score);
    for (let i = 1; i < best.length; i++) expect(best[i].score).toBeLessThanOrEqual(best[i - 1].score);
    // For unit rows, P(liked) from the cosine with w equals the direct probability.
    const v = row(vectors, dims, best[0].index);
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += (model.weights[d] / weightNorm(model)) * v[d];
    expect(probabilityFromCosine(model, dot)).toBeCloseTo(tasteProbability(model, v), 5);
  });
});

describe("sampleIndices", () => {
  it("draws distinct indices outside the excluded set, the same for the same seed", () => {
    const a = sampleIndices(1000, 100, 42, new Set([1, 2, 3]));
    expect(new Set(a).size).toBe(100);
    expect(a.every((i) => i >= 0 && i < 1000 && ![1, 2, 3].includes(i))).toBe(true);
    expect(sampleIndices(1000, 100, 42, new Set([1, 2, 3]))).toEqual(a);
    expect(sampleIndices(1000, 100, 43)).not.toEqual(a);
    expect(sampleIndices(5, 10, 1, new Set([0]))).toHaveLength(4);
    expect(seedFromStrings(["x"])).not.toBe(seedFromStrings(["y"]));
  });
});

describe("learnTaste: one dislike does not decide the taste (#9)", () => {
  const dims = 12;
  const rng = createRng(5);
  const unitVec = (v: number[]) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const around = (axis: number, noise: number) => unitVec(Array.from({ length: dims }, (_, d) => (d === axis ? 1 : 0) + noise * rng.gaussian()));
  const liked = [around(0, 0.3), around(0, 0.3), around(0, 0.3)];
  const weak = Array.from({ length: 100 }, () => unitVec(Array.from({ length: dims }, () => rng.gaussian())));
  const disliked = [around(1, 0.3)];
  const direction = (settings: TasteSettings, dis: number[][]) => {
    const m = learnTaste(liked, dis, weak, settings);
    return unitVec(m.weights);
  };
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
  const likedAxis = unitVec(Array.from({ length: dims }, (_, d) => (d === 0 ? 1 : 0)));

  it("keeps the direction near the liked films when one film is disliked, and still moves away from it", () => {
    const original = direction(ORIGINAL_TASTE, disliked);
    const robust = direction(ROBUST_TASTE, disliked);
    const robustLikesOnly = direction(ROBUST_TASTE, []);
    expect(cos(robust, likedAxis)).toBeGreaterThan(cos(original, likedAxis));
    expect(cos(robust, likedAxis)).toBeGreaterThan(0.8);
    expect(cos(robust, robustLikesOnly)).toBeGreaterThan(0.9);
    // The dislike still counts: the direction turns away from the disliked film.
    expect(cos(robust, disliked[0])).toBeLessThan(cos(robustLikesOnly, disliked[0]));
  });

  it("keeps the classifier's weight length, so P(liked) stays on its scale", () => {
    const plain = learnTaste(liked, disliked, weak, { ...ROBUST_TASTE, prior: 0 });
    const blended = learnTaste(liked, disliked, weak, ROBUST_TASTE);
    expect(Math.hypot(...blended.weights)).toBeCloseTo(Math.hypot(...plain.weights), 6);
    expect(blended.bias).toBe(plain.bias);
  });
});
