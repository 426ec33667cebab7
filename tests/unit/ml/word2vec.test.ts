import { describe, expect, it } from "vitest";

import { subsampleKeepProbabilities } from "@/lib/ml/embedding/skip-gram";
import { createWord2VecState, flattenCorpus, negativeTable, splitSentences, trainWord2Vec, Word2VecRunner, word2vecSettings } from "@/lib/ml/embedding/word2vec";
import { trainWord2VecThreads } from "@/lib/ml/node/word2vec";
import { createRng } from "@/lib/ml/rng";
import { cosineSimilarity } from "@/lib/ml/vectors";

/**
 * A synthetic corpus: 4 "genres" of 10 songs each; a sentence plays songs of one genre,
 * with noise songs (40..59) anywhere; one sentence in ten instead plays a planted trio
 * (60, 61, 62) that only ever plays together. Songs of a genre should end up nearer each
 * other than other genres' songs, and 60's nearest song should be 61 or 62. (word2vec
 * makes songs similar when they share contexts: a pair dropped into random sentences
 * shares only the random rest, and in gensim too ends up nearest the noise songs.)
 */
function corpus(seed = 3, sentences = 400): Int32Array[] {
  const rng = createRng(seed);
  const out: Int32Array[] = [];
  for (let s = 0; s < sentences; s++) {
    const trio = rng.next() < 0.1;
    const genre = rng.int(4);
    const items: number[] = [];
    for (let i = 0; i < 12; i++) {
      if (rng.next() < 0.15) items.push(40 + rng.int(20));
      else items.push(trio ? 60 + rng.int(3) : genre * 10 + rng.int(10));
    }
    out.push(Int32Array.from(items));
  }
  return out;
}

const V = 63;
const vec = (v: Float32Array, i: number, dims: number) => v.subarray(i * dims, (i + 1) * dims);

function nearest(v: Float32Array, dims: number, n: number, of: number): number {
  let best = -1;
  let bestSim = -Infinity;
  for (let j = 0; j < n; j++) {
    if (j === of) continue;
    const s = cosineSimilarity(vec(v, of, dims), vec(v, j, dims));
    if (s > bestSim) {
      bestSim = s;
      best = j;
    }
  }
  return best;
}

function genreSeparation(v: Float32Array, dims: number): { within: number; across: number } {
  let within = 0;
  let wn = 0;
  let across = 0;
  let an = 0;
  for (let i = 0; i < 40; i++)
    for (let j = i + 1; j < 40; j++) {
      const s = cosineSimilarity(vec(v, i, dims), vec(v, j, dims));
      if (Math.floor(i / 10) === Math.floor(j / 10)) {
        within += s;
        wn++;
      } else {
        across += s;
        an++;
      }
    }
  return { within: within / wn, across: across / an };
}

describe.each(["skip-gram", "cbow"] as const)("word2vec %s", (mode) => {
  const sentences = corpus();
  const options = { mode, dims: 16, window: 3, epochs: 8, subsample: 0, seed: 7 };
  const result = trainWord2Vec(sentences, V, options);

  it("loss falls over the epochs", () => {
    const losses = result.history.map((h) => h.loss);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.9);
  });
  it("puts the planted pair nearest each other and separates the genres", () => {
    expect([61, 62]).toContain(nearest(result.model.rowVectors, 16, V, 60));
    const { within, across } = genreSeparation(result.model.rowVectors, 16);
    expect(within).toBeGreaterThan(across + 0.3);
  });
  it("is reproducible for a seed and differs for another", () => {
    const again = trainWord2Vec(sentences, V, options);
    expect(Array.from(again.model.rowVectors)).toEqual(Array.from(result.model.rowVectors));
    const other = trainWord2Vec(sentences, V, { ...options, seed: 8 });
    expect(Array.from(other.model.rowVectors)).not.toEqual(Array.from(result.model.rowVectors));
  });
});

describe("word2vec details", () => {
  it("subsampling keeps rare items always and frequent ones with probability (sqrt(f/t) + 1) t/f", () => {
    const keep = subsampleKeepProbabilities(Float64Array.from([1, 10, 1000, 0]), 1011, 1e-2);
    expect(keep[0]).toBeGreaterThanOrEqual(1);
    const f = 1000 / 1011;
    expect(keep[2]).toBeCloseTo((Math.sqrt(f / 1e-2) + 1) * (1e-2 / f), 10);
    expect(keep[2]).toBeLessThan(0.2);
    expect(subsampleKeepProbabilities(Float64Array.from([1000]), 1000, 0)[0]).toBe(1);
  });

  it("subsampling drops a dominant item's pairs", () => {
    // Item 0 is half the corpus: with t = 1e-3 most of its occurrences go.
    const rng = createRng(1);
    const sentences = Array.from({ length: 200 }, () => Int32Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0 : 1 + rng.int(50))));
    const all = trainWord2Vec(sentences, 51, { epochs: 1, subsample: 0, dims: 8 });
    const sub = trainWord2Vec(sentences, 51, { epochs: 1, subsample: 1e-3, dims: 8 });
    expect(sub.history[0].pairs).toBeLessThan(all.history[0].pairs * 0.8);
  });

  it("the learning rate falls linearly with progress to the minimum", () => {
    const sentences = corpus(5, 50);
    const s = word2vecSettings({ epochs: 2, learningRate: 0.1, minLearningRate: 0.001, dims: 4 });
    const c = flattenCorpus(sentences, V);
    const state = createWord2VecState(c, s);
    const runner = new Word2VecRunner(c, state, s, 1);
    // The rate follows the share of the run done: after the first sentence, after epoch 1 of 2, at the end.
    const firstLength = c.offsets[1] - c.offsets[0];
    runner.run(0, 1);
    const total = c.tokens.length * s.epochs;
    expect(runner.learningRate).toBeCloseTo(0.1 - 0.099 * (firstLength / total), 10);
    runner.run(1, sentences.length);
    expect(state.progress[0]).toBe(c.tokens.length);
    expect(runner.learningRate).toBeCloseTo(0.1 - 0.099 * 0.5, 10);
    runner.run(0, sentences.length);
    expect(runner.learningRate).toBeCloseTo(0.001, 10);
    // A run with the rate pinned at zero (start = min = 0) leaves the weights untouched.
    const frozen = trainWord2Vec(sentences, V, { epochs: 1, learningRate: 0, minLearningRate: 0, dims: 4 });
    const init = createWord2VecState(c, word2vecSettings({ dims: 4 })).rowW;
    expect(Array.from(frozen.model.rowVectors)).toEqual(Array.from(init));
  });

  it("the negative table follows count^0.75", () => {
    const table = negativeTable(Float64Array.from([1, 16, 0]), 0.75, 10000);
    const share1 = table.filter((x) => x === 1).length / table.length;
    expect(share1).toBeCloseTo(8 / 9, 2);
    expect(table.includes(2)).toBe(false);
  });

  it("splits sentences into ranges of about equal token counts", () => {
    const c = flattenCorpus([[0, 1], [1, 2, 3, 4], [0, 1], [2, 3]], 5);
    const parts = splitSentences(c, 2);
    expect(parts[0][0]).toBe(0);
    expect(parts[parts.length - 1][1]).toBe(4);
    expect(parts[0][1]).toBe(parts[1][0]);
  });

  it("rejects tokens outside the vocabulary", () => {
    expect(() => flattenCorpus([[0, 7]], 5)).toThrow(/outside the vocabulary/);
  });

  it("trains with two Hogwild threads to the same kind of model", async () => {
    const sentences = corpus(9);
    const r = await trainWord2VecThreads(sentences, V, { dims: 16, window: 3, epochs: 8, subsample: 0, seed: 7, threads: 2 });
    expect(r.history).toHaveLength(8);
    expect([61, 62]).toContain(nearest(r.model.rowVectors, 16, V, 60));
    const { within, across } = genreSeparation(r.model.rowVectors, 16);
    expect(within).toBeGreaterThan(across + 0.3);
  }, 30000);
});
