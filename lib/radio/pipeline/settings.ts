// The radio's word2vec settings and playlist filter, chosen on the held-out playlists
// (bench/radio.ts; the measurements are in data/radio/README.md). radio:train and the
// bench both start from them.

import { DEFAULT_FILTER } from "./dataset";

/** Defaults chosen on the held-out playlists (bench/radio.ts; data/radio/README.md). */
export const RADIO_DEFAULTS = {
  mode: "cbow" as "skip-gram" | "cbow",
  dims: 30,
  window: 10,
  minCount: 4,
  epochs: 1,
  subsample: 1e-3,
  negative: 5,
  learningRate: undefined as number | undefined,
  /** Input vectors start uniform in +-initRange/dims (gensim 4: 1). */
  initRange: 2,
  seed: 1,
  threads: 2,
  /** "in": word2vec's input vectors; "in+out": input + output vectors (see bench/radio.ts --in-out). */
  vectors: "in" as "in" | "in+out",
  /**
   * Unit vectors minus their mean, normalised again (shippedVectors): word2vec's vectors share
   * a common direction, and without this an average of many seeds lands among rarely played
   * songs near it. Held out: station precision@50 0.242 -> 0.258, hit rate@10 0.028 either way.
   */
  centre: true,
  holdout: 0.1,
  maxLength: DEFAULT_FILTER.maxLength,
  maxArtistShare: DEFAULT_FILTER.maxArtistShare,
};
