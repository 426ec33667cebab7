// Which context a negative sample gets: uniformly (the published movie model)
// or with probability ~ count^power, as word2vec's negative sampling does with
// power 0.75 (frequent contexts get contrasted more often).

import type { createRng } from "@/lib/ml/rng";

type Rng = ReturnType<typeof createRng>;

export class ContextSampler {
  /** Cumulative distribution over contexts; null: uniform. */
  private readonly cdf: Float64Array | null = null;

  constructor(
    private readonly rng: Rng,
    private readonly contextCount: number,
    counts: Float64Array,
    power: number,
  ) {
    if (power > 0) {
      const cdf = new Float64Array(contextCount);
      let total = 0;
      for (let c = 0; c < contextCount; c++) {
        total += Math.pow(Math.max(counts[c], 1), power);
        cdf[c] = total;
      }
      for (let c = 0; c < contextCount; c++) cdf[c] /= total;
      this.cdf = cdf;
    }
  }

  next(): number {
    const cdf = this.cdf;
    if (!cdf) return this.rng.int(this.contextCount);
    const r = this.rng.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
