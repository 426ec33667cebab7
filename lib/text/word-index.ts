// In-memory autocomplete over a catalogue of titled things (songs, films...): every word
// of the query must start a word of the entry, so "love you" finds "I Will Always Love
// You" and "whitney love" finds it by its artist. Built once per catalogue: a sorted
// vocabulary with, per word, the entries that contain it (best known first). A query word
// is a range of the vocabulary (binary search), the entries of all its words are merged,
// the query's words intersected, and only those candidates are ranked - so a search costs
// about as much as its answer, not a scan of the catalogue, and never waits on the database.

import { foldText } from "./fold";

export interface WordIndexEntry<T> {
  item: T;
  /** The main name (a title): matches in it rank first. */
  primary: string;
  /** Secondary names (an artist): searched too, ranked after title matches. */
  secondary?: string;
  /** Higher = better known; breaks ties within a tier. */
  popularity: number;
}

interface Indexed<T> {
  item: T;
  primary: string;
  /** " primary ": a word starts after a space. */
  paddedPrimary: string;
}

/** Sorted ascending, no duplicates: the union of sorted lists. */
function union(lists: Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0];
  let total = 0;
  for (const l of lists) total += l.length;
  const all = new Int32Array(total);
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.subarray(0, n);
}

/** Both sorted ascending: the values in both. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out[n++] = a[i];
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

export class WordIndex<T> {
  /** Best known first: an entry's number is its rank. */
  private readonly entries: Indexed<T>[] = [];
  /** Every distinct word of the catalogue, sorted. */
  private readonly vocabulary: string[];
  /** Per vocabulary word, the entries containing it (ascending = best known first). */
  private readonly postings: Int32Array[];
  /** Entries by exact (folded) title, best known first: the top tier without a scan. */
  private readonly byTitle = new Map<string, number[]>();
  /** Merged postings of one- and two-letter prefixes, the costly ones to merge, kept once built. */
  private readonly shortPrefixes = new Map<string, Int32Array>();

  /** How names and queries are folded into words (foldText unless the catalogue needs more, e.g. "II" = "2"). */
  private readonly fold: (text: string) => string;
  /** Tolerate typos when the words as typed find too little (see `typoMatches`). */
  private readonly typos: boolean;

  constructor(entries: Iterable<WordIndexEntry<T>>, options: { fold?: (text: string) => string; typos?: boolean } = {}) {
    const fold = (this.fold = options.fold ?? foldText);
    this.typos = options.typos ?? false;
    const list = [...entries].sort((a, b) => b.popularity - a.popularity);
    const byWord = new Map<string, number[]>();
    list.forEach((e, i) => {
      const primary = fold(e.primary);
      this.entries.push({ item: e.item, primary, paddedPrimary: ` ${primary} ` });
      const same = this.byTitle.get(primary);
      if (same) same.push(i);
      else this.byTitle.set(primary, [i]);
      const words = new Set(`${primary} ${e.secondary ? fold(e.secondary) : ""}`.split(" ").filter(Boolean));
      for (const word of words) {
        const postings = byWord.get(word);
        if (postings) postings.push(i);
        else byWord.set(word, [i]);
      }
    });
    this.vocabulary = [...byWord.keys()].sort();
    this.postings = this.vocabulary.map((w) => Int32Array.from(byWord.get(w)!));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entries with a word starting with `prefix`, ascending. */
  private entriesWithPrefix(prefix: string): Int32Array {
    if (prefix.length <= 2) {
      let merged = this.shortPrefixes.get(prefix);
      if (!merged) this.shortPrefixes.set(prefix, (merged = this.mergePostings(prefix)));
      return merged;
    }
    return this.mergePostings(prefix);
  }

  private mergePostings(prefix: string): Int32Array {
    const vocabulary = this.vocabulary;
    let lo = 0,
      hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vocabulary[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const lists: Int32Array[] = [];
    for (let i = lo; i < vocabulary.length && vocabulary[i].startsWith(prefix); i++) lists.push(this.postings[i]);
    return lists.length ? union(lists) : new Int32Array(0);
  }

  /**
   * Up to `limit` entries, best first: the title equals the query; the title starts with
   * it; every query word starts a title word; every query word starts a word of the title
   * or the secondary name. Within a tier, best known first.
   */
  search(query: string, limit: number): T[] {
    const folded = this.fold(query);
    if (!folded || limit <= 0) return [];
    const words = [...new Set(folded.split(" "))];
    // Narrowest word first, so the intersection shrinks fast.
    const sets = words.map((w) => this.entriesWithPrefix(w)).sort((a, b) => a.length - b.length);
    let candidates = sets[0];
    for (let i = 1; i < sets.length && candidates.length; i++) candidates = intersect(candidates, sets[i]);

    const padded = words.map((w) => ` ${w}`);
    // Tier 0, exact titles, straight from the map; then one pass in popularity order.
    const exact = (this.byTitle.get(folded) ?? []).slice(0, limit);
    const tiers: T[][] = [exact.map((i) => this.entries[i].item), [], [], []];
    const isExact = new Set(exact);
    for (const i of candidates) {
      if (isExact.has(i)) continue;
      const e = this.entries[i];
      if (e.primary === folded) continue; // an exact title beyond the limit
      const tier = e.paddedPrimary.startsWith(` ${folded}`) ? 1 : padded.every((w) => e.paddedPrimary.includes(w)) ? 2 : 3;
      if (tiers[tier].length < limit) tiers[tier].push(e.item);
      // Candidates come best known first: once tiers 0 and 1 fill the answer, no later one can enter it.
      if (tiers[0].length + tiers[1].length >= limit) break;
    }
    const found = tiers.flat().slice(0, limit);
    if (!this.typos || found.length >= limit) return found;
    return [...found, ...this.typoMatches(words, new Set(found), limit - found.length)];
  }

  /**
   * Up to `limit` more entries, found with typos: a query word of 4+ letters also matches
   * vocabulary words within edit distance 1 (2 for 8+ letters); every query word must still
   * match (as a prefix, or with its typos). Fewest misspelt words first, then best known.
   */
  private typoMatches(words: string[], skip: ReadonlySet<T>, limit: number): T[] {
    const exact = words.map((w) => this.entriesWithPrefix(w));
    const loose = words.map((w, i) => {
      const budget = typoBudget(w);
      if (!budget) return exact[i];
      const near: Int32Array[] = [exact[i]];
      for (const v of this.wordsWithin(w, budget)) near.push(this.postings[v]);
      return union(near);
    });
    if (loose.every((set, i) => set === exact[i])) return [];
    const candidates = [...loose].sort((a, b) => a.length - b.length).reduce((a, b) => (a.length ? intersect(a, b) : a));
    const byMisspelt: T[][] = words.map(() => []);
    for (const i of candidates) {
      const item = this.entries[i].item;
      if (skip.has(item)) continue;
      const misspelt = exact.reduce((n, set) => n + (contains(set, i) ? 0 : 1), 0);
      if (misspelt > 0 && byMisspelt[misspelt - 1].length < limit) byMisspelt[misspelt - 1].push(item);
      if (byMisspelt[0].length >= limit) break;
    }
    return byMisspelt.flat().slice(0, limit);
  }

  /**
   * Per string made by deleting up to 2 letters of a vocabulary word (1 for words under 6
   * letters, none under 3: the most a query word's `typoBudget` can reach), the words it
   * comes from. Built on the first typo search. Two words are within edit distance d only
   * if deleting at most d letters from each makes them equal (SymSpell), so a typo lookup
   * is a few dozen map lookups and checks of their words, not a scan of the vocabulary.
   */
  private deletions?: Map<string, number | number[]>;

  /** Builds the typo lookup now (~0.3 s for 10k words) rather than on the first misspelt query. */
  prepareTypos(): void {
    if (this.typos) this.deletionIndex();
  }

  private deletionIndex(): Map<string, number | number[]> {
    if (!this.deletions) {
      const deletions = new Map<string, number | number[]>();
      this.vocabulary.forEach((w, v) => {
        for (const key of deletionsOf(w, w.length >= 6 ? 2 : w.length >= 3 ? 1 : 0)) {
          const ids = deletions.get(key);
          if (ids === undefined) deletions.set(key, v);
          else if (typeof ids === "number") deletions.set(key, [ids, v]);
          else ids.push(v);
        }
      });
      this.deletions = deletions;
    }
    return this.deletions;
  }

  /** Vocabulary ids of the words within edit distance `budget` of `word` (itself included if there). */
  private wordsWithin(word: string, budget: number): number[] {
    const deletions = this.deletionIndex();
    const found = new Set<number>();
    for (const key of deletionsOf(word, budget)) {
      const ids = deletions.get(key);
      if (ids === undefined) continue;
      for (const v of typeof ids === "number" ? [ids] : ids) if (!found.has(v) && withinEditDistance(word, this.vocabulary[v], budget)) found.add(v);
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** The word and every distinct string made by deleting up to `depth` of its letters. */
export function deletionsOf(word: string, depth: number): Set<string> {
  const out = new Set([word]);
  let level = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of level)
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    level = next;
  }
  return out;
}

/** How many typos a query word may carry: none under 4 letters, 1 from 4, 2 from 8. */
export function typoBudget(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/** Sorted ascending: does it hold `value`? */
function contains(sorted: Int32Array, value: number): boolean {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value;
}

/** Levenshtein distance of a and b is at most `max` (one row at a time, stopping once every cell of a row is over). */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(cost);
      if (cost < best) best = cost;
    }
    if (best > max) return false;
    previous = row;
  }
  return previous[b.length] <= max;
}
