// Tags predicted from song vectors: one logistic regression (lib/ml/logistic.ts) per common
// Last.fm tag, on the unit song vector. Only tagged songs are examples (an untagged song is
// unknown, not a negative); a seeded 80/20 split of them gives each tag a held-out ROC AUC
// and the threshold that maximises F1 there (at least 0.2). Untagged songs then show their
// likely tags.

import { fitLogistic, logisticProbability, type LogisticModel } from "@/lib/ml/logistic";
import { rocAuc } from "@/lib/ml/metrics";
import { createRng } from "@/lib/ml/rng";

export interface TagClassifier {
  tag: string;
  songs: number;
  auc: number;
  threshold: number;
  /** Precision and recall at the threshold on the held-out songs. */
  precision: number;
  recall: number;
  model: LogisticModel;
}

export interface TagTrainingOptions {
  minSongs?: number;
  testShare?: number;
  seed?: number;
  l2?: number;
  /** The lowest threshold a tag may get (default 0.2). */
  minThreshold?: number;
  /** Negatives per classifier at most (beyond 3 x its positives); the rest of the weight goes to them. */
  maxNegatives?: number;
  onTag?: (done: number, total: number, tag: string) => void;
}

/** Tag -> number of (vocabulary) songs carrying it, most common first. */
export function tagCounts(songTags: readonly (readonly string[])[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const tags of songTags) for (const t of tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The threshold with the best F1 (ties: the higher threshold), with its precision and recall. */
export function bestF1Threshold(scores: readonly number[], labels: readonly number[]): { threshold: number; f1: number; precision: number; recall: number } {
  const order = scores.map((s, i) => i).sort((a, b) => scores[b] - scores[a]);
  const positives = labels.reduce((s, l) => s + l, 0);
  let tp = 0;
  let best = { threshold: 1, f1: 0, precision: 0, recall: 0 };
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]];
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    const precision = tp / (k + 1);
    const recall = positives > 0 ? tp / positives : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { threshold: scores[order[k]], f1, precision, recall };
  }
  return best;
}

export function trainTagClassifiers(vectors: Float32Array, dims: number, songTags: readonly (readonly string[])[], options: TagTrainingOptions = {}): TagClassifier[] {
  const minSongs = options.minSongs ?? 200;
  const testShare = options.testShare ?? 0.2;
  const rng = createRng(options.seed ?? 99);
  const tagged: number[] = [];
  songTags.forEach((tags, i) => {
    if (tags.length > 0) tagged.push(i);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const i of tagged) (rng.next() < testShare ? test : train).push(i);
  const rowOf = (i: number) => vectors.subarray(i * dims, (i + 1) * dims);
  const trainRows = train.map(rowOf);
  const testRows = test.map(rowOf);
  const common = tagCounts(songTags).filter(([, n]) => n >= minSongs);
  const out: TagClassifier[] = [];
  common.forEach(([tag, songs], t) => {
    options.onTag?.(t, common.length, tag);
    // All the tag's songs, and at most max(maxNegatives, 3 x positives) others, weighted up so the
    // loss (and the probabilities) are those of the full training set: 3-4x less work for rare tags.
    const labels = train.map((i) => (songTags[i].includes(tag) ? 1 : 0));
    const negatives = labels.reduce((s: number, l) => s + (1 - l), 0);
    const keepNegatives = Math.min(negatives, Math.max(options.maxNegatives ?? 4000, 3 * (labels.length - negatives)));
    const negativeRng = createRng((options.seed ?? 99) * 7919 + t);
    const chosen: number[] = [];
    let seen = 0;
    let taken = 0;
    for (let k = 0; k < labels.length; k++) {
      if (labels[k] === 1) chosen.push(k);
      else {
        // Selection sampling (Knuth's algorithm S): exactly keepNegatives of the negatives.
        if (negativeRng.next() * (negatives - seen) < keepNegatives - taken) {
          chosen.push(k);
          taken++;
        }
        seen++;
      }
    }
    const negativeWeight = taken > 0 ? negatives / taken : 1;
    const model = fitLogistic(
      chosen.map((k) => trainRows[k]),
      chosen.map((k) => labels[k]),
      { standardise: true, l2: options.l2 ?? 1e-4, maxIterations: 25, sampleWeights: chosen.map((k) => (labels[k] === 1 ? 1 : negativeWeight)) },
    );
    const testLabels = test.map((i) => (songTags[i].includes(tag) ? 1 : 0));
    const scores = testRows.map((x) => logisticProbability(model, x));
    // The F1-best threshold, but at least minThreshold: a shown tag should be at least a 1-in-5 bet.
    const best = bestF1Threshold(scores, testLabels);
    const threshold = Math.max(best.threshold, options.minThreshold ?? 0.2);
    const shown = scores.map((s, k) => [s, testLabels[k]]).filter(([s]) => s >= threshold);
    const tp = shown.reduce((n, [, l]) => n + l, 0);
    const positives = testLabels.reduce((n: number, l) => n + l, 0);
    out.push({ tag, songs, auc: rocAuc(scores, testLabels), threshold, precision: shown.length > 0 ? tp / shown.length : 0, recall: positives > 0 ? tp / positives : 0, model });
  });
  options.onTag?.(common.length, common.length, "");
  return out;
}

/** The tags a vector likely carries: p >= the tag's threshold, best (p / threshold) first, at most `max`, none of `known`. */
export function predictTags(classifiers: readonly TagClassifier[], vector: ArrayLike<number>, max = 3, known: readonly string[] = []): { tag: string; p: number }[] {
  const hits: { tag: string; p: number; lift: number }[] = [];
  for (const c of classifiers) {
    if (known.includes(c.tag)) continue;
    const p = logisticProbability(c.model, vector);
    if (p >= c.threshold) hits.push({ tag: c.tag, p, lift: p / c.threshold });
  }
  hits.sort((a, b) => b.lift - a.lift);
  return hits.slice(0, max).map(({ tag, p }) => ({ tag, p }));
}
