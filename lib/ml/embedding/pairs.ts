// The positives an embedding learns from: (row, context) index pairs, e.g.
// (film, link) for the movies or (centre item, nearby item) for word2vec.

export interface PairList {
  rows: Int32Array;
  contexts: Int32Array;
}

/** Positives that change every epoch, e.g. skip-gram windows with subsampling (skip-gram.ts). */
export interface PairGenerator {
  /** The pairs of epoch `epoch` (1-based); the same for the same epoch. */
  epochPairs(epoch: number): PairList;
  /** How often each context occurs in the corpus (the unigram counts for negatives). */
  contextCounts: Float64Array;
  /** Pairs per epoch, roughly: plans the batches (learning-rate decay, progress, when to stop). */
  expectedPairs: number;
}

/** A fixed list (shuffled each epoch) or a generator. */
export type PairSource = PairList | PairGenerator;

export function isPairList(source: PairSource): source is PairList {
  return "rows" in source;
}

/** How many pairs each context is in. */
export function countContexts(pairs: PairList, contextCount: number): Float64Array {
  const counts = new Float64Array(contextCount);
  for (let i = 0; i < pairs.contexts.length; i++) counts[pairs.contexts[i]]++;
  return counts;
}

/** All (row, context) pairs of per-row context lists. */
export function pairsOf(rowContexts: readonly Int32Array[]): PairList {
  const total = rowContexts.reduce((s, a) => s + a.length, 0);
  const rows = new Int32Array(total);
  const contexts = new Int32Array(total);
  let i = 0;
  rowContexts.forEach((ids, r) => {
    for (const c of ids) {
      rows[i] = r;
      contexts[i] = c;
      i++;
    }
  });
  return { rows, contexts };
}

/** Set of (row, context) pairs: open addressing over row * contextCount + context. */
export class PairIndex {
  private readonly table: Float64Array;
  private readonly mask: number;

  constructor(
    pairs: PairList,
    private readonly contextCount: number,
  ) {
    let size = 16;
    while (size < pairs.rows.length * 2) size *= 2;
    this.table = new Float64Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < pairs.rows.length; i++) this.add(pairs.rows[i], pairs.contexts[i]);
  }

  private slot(key: number): number {
    // Multiplicative hash of a key < 2^53 (kept in 32 bits).
    let h = Math.imul((key % 4294967296) ^ Math.floor(key / 4294967296), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  private add(row: number, context: number): void {
    const key = row * this.contextCount + context;
    let s = this.slot(key);
    while (this.table[s] !== -1) {
      if (this.table[s] === key) return;
      s = (s + 1) & this.mask;
    }
    this.table[s] = key;
  }

  has(row: number, context: number): boolean {
    const key = row * this.contextCount + context;
    let s = this.slot(key);
    for (;;) {
      const v = this.table[s];
      if (v === key) return true;
      if (v === -1) return false;
      s = (s + 1) & this.mask;
    }
  }
}
