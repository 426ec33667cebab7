import { describe, expect, it } from "vitest";

import type { PairList } from "@/lib/ml/embedding/pairs";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { linkWeights } from "@/lib/movies/pipeline/link-weights";

const pairs: PairList = {
  rows: Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 5]),
  contexts: Int32Array.from([0, 1, 0, 1, 0, 2, 0, 2, 3, 3]),
};

describe("training options", () => {
  it("link weights average 1 over the real pairs and follow kind and frequency", () => {
    const links = [{ kind: "genre" }, { kind: "cast" }, { kind: "series" }, { kind: "based_on" }];
    const w = linkWeights(links, pairs, { kindWeights: { series: 3, based_on: 3 } });
    const mean = Array.from(pairs.contexts, (l) => w[l]).reduce((s, x) => s + x, 0) / pairs.contexts.length;
    expect(mean).toBeCloseTo(1, 5);
    expect(w[2] / w[0]).toBeCloseTo(3, 5);
    const idf = linkWeights(links, pairs, { idfPower: 1 });
    expect(idf[0] * 4).toBeCloseTo(idf[3] * 2, 5); // link 0 has 4 films, link 3 has 2
  });

  it("frequency-drawn negatives and weights train deterministically; defaults are the published settings", () => {
    const opts = { dims: 8, epochs: 3, batchSize: 4, seed: 7 };
    const a = trainEmbedding(pairs, 6, 4, { ...opts, negativePower: 0.75, positiveWeights: Float32Array.from([1, 1, 3, 3]) });
    const b = trainEmbedding(pairs, 6, 4, { ...opts, negativePower: 0.75, positiveWeights: Float32Array.from([1, 1, 3, 3]) });
    expect(Array.from(a.model.rowVectors)).toEqual(Array.from(b.model.rowVectors));
    const plain = trainEmbedding(pairs, 6, 4, opts);
    const explicit = trainEmbedding(pairs, 6, 4, { ...opts, negativePower: 0, finalLearningRate: 1 });
    expect(Array.from(plain.model.rowVectors)).toEqual(Array.from(explicit.model.rowVectors));
    expect(Array.from(plain.model.rowVectors)).not.toEqual(Array.from(a.model.rowVectors));
  });
});
