// word2vec's skip-gram positives (Mikolov et al. 2013) from a corpus of
// sentences of item ids (e.g. playlists of songs), new each epoch: frequent
// items are randomly dropped (subsampling), then every kept item is paired
// with the items within a random window (1..window) around it, both sides.
// Train with WORD2VEC_OPTIONS. word2vec.ts trains skip-gram and CBOW the way the C
// reference does (per-pair SGD, no pair lists), several times faster.

import { createRng } from "@/lib/ml/rng";

import type { PairGenerator, PairList } from "./pairs";

export interface SkipGramOptions {
  /** Largest distance of a context from its centre item (word2vec default 5). */
  window?: number;
  /** Subsampling threshold t: an item of corpus frequency f is kept with probability (sqrt(f/t) + 1) t/f; 0 = keep all. */
  subsample?: number;
  seed?: number;
}

/**
 * word2vec's subsampling: an item seen `count` times in `total` is kept with probability
 * (sqrt(f / t) + 1) t / f, f = count / total (>= 1 means always); t = 0 keeps all.
 */
export function subsampleKeepProbabilities(counts: Float64Array, total: number, subsample: number): Float64Array {
  return Float64Array.from(counts, (c) => (subsample > 0 && c > 0 ? (Math.sqrt(c / (subsample * total)) + 1) * ((subsample * total) / c) : 1));
}

export function skipGramPairs(sentences: readonly Int32Array[], itemCount: number, options: SkipGramOptions = {}): PairGenerator {
  const window = options.window ?? 5;
  const subsample = options.subsample ?? 1e-3;
  const seed = options.seed ?? 1;
  const counts = new Float64Array(itemCount);
  let total = 0;
  for (const s of sentences) {
    for (const item of s) counts[item]++;
    total += s.length;
  }
  const keep = subsampleKeepProbabilities(counts, total, subsample);

  const epochPairs = (epoch: number): PairList => {
    const rng = createRng(seed * 1_000_003 + epoch);
    const rows: number[] = [];
    const contexts: number[] = [];
    const kept: number[] = [];
    for (const sentence of sentences) {
      kept.length = 0;
      for (const item of sentence) if (keep[item] >= 1 || rng.next() < keep[item]) kept.push(item);
      for (let i = 0; i < kept.length; i++) {
        const reach = window - rng.int(window);
        for (let j = Math.max(0, i - reach); j <= Math.min(kept.length - 1, i + reach); j++) {
          if (j === i) continue;
          rows.push(kept[i]);
          contexts.push(kept[j]);
        }
      }
    }
    return { rows: Int32Array.from(rows), contexts: Int32Array.from(contexts) };
  };
  // The first epoch's pairs are counted once for the plan and reused.
  const first = epochPairs(1);
  return {
    epochPairs: (epoch) => (epoch === 1 ? first : epochPairs(epoch)),
    contextCounts: counts,
    expectedPairs: first.rows.length,
  };
}
