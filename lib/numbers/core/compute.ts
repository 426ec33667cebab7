// The whole method in one call, from the raw phrasebook lines to everything
// the demo shows. Fast enough to run at seed time (~75 languages).

import { buildLanguageTree, treeLeafOrder } from "./cluster";
import { pairScore, wordDistance } from "./distance";
import { normaliseWord } from "./normalise";
import { NUMBER_COUNT, parseLanguages, type ParseOptions } from "./parse";
import type { ClosestLanguage, LanguageNumbers, LanguagePair, NumbersResult, RawNumbersData, UniversalNumber } from "./types";

export type ComputeOptions = ParseOptions & {
  /**
   * Improvement, off by default. Leave out pages outside the main namespace
   * (titles with a `:`, e.g. "Wikivoyage:Joke articles/Goudy"), which are not
   * languages. The original kept them in the comparison (it only hid them
   * when printing the tree).
   */
  skipProjectPages?: boolean;
};

/** How many neighbours `closest` lists per language. */
export const CLOSEST_COUNT = 5;

/** distances[i][j][k] for every pair of languages and number k (symmetric). */
export function languageDistances(languages: readonly LanguageNumbers[]): number[][][] {
  const count = languages.length;
  const distances: number[][][] = languages.map(() => new Array<number[]>(count));
  for (let i = 0; i < count; i++) {
    distances[i][i] = new Array<number>(NUMBER_COUNT).fill(0);
    for (let j = i + 1; j < count; j++) {
      const row: number[] = [];
      for (let k = 0; k < NUMBER_COUNT; k++) row.push(wordDistance(languages[i].normalised[k], languages[j].normalised[k]));
      distances[i][j] = row;
      distances[j][i] = row;
    }
  }
  return distances;
}

/**
 * Step 5: for each number, the word of the language with the smallest sum of
 * squared distances to all other languages (a medoid). Sums are added in the
 * original's pair order and ties go to the first language, so the result
 * matches it to the last bit.
 */
export function universalNumbers(languages: readonly LanguageNumbers[], distances: readonly (readonly (readonly number[])[])[]): UniversalNumber[] {
  const universal: UniversalNumber[] = [];
  if (languages.length === 0) return universal;
  for (let k = 0; k < NUMBER_COUNT; k++) {
    const sums = new Array<number>(languages.length).fill(0);
    for (let i = 0; i < languages.length; i++) {
      for (let j = i + 1; j < languages.length; j++) {
        const squared = distances[i][j][k] * distances[i][j][k];
        sums[i] += squared;
        sums[j] += squared;
      }
    }
    let best = 0;
    for (let i = 1; i < sums.length; i++) if (sums[i] < sums[best]) best = i;
    universal.push({ number: k + 1, word: languages[best].words[k], language: languages[best].name });
  }
  return universal;
}

export function computeNumbersResult(raw: RawNumbersData, options: ComputeOptions = {}): NumbersResult {
  let parsed = parseLanguages(raw, options);
  if (options.skipProjectPages) parsed = parsed.filter((language) => !language.name.includes(":"));
  const languages: LanguageNumbers[] = parsed.map(({ name, words }) => ({ name, words, normalised: words.map(normaliseWord) }));
  const names = languages.map((language) => language.name);
  const distances = languageDistances(languages);

  const pairs: LanguagePair[] = [];
  for (let i = 0; i < languages.length; i++) {
    for (let j = i + 1; j < languages.length; j++) {
      pairs.push({ a: names[i], b: names[j], score: pairScore(distances[i][j]), distances: distances[i][j] });
    }
  }
  // Array.prototype.sort is stable, so ties keep processing order.
  pairs.sort((x, y) => y.score - x.score);

  // Walking pairs best-first fills each list in score order, ties by pair order.
  // A Map, so no language name can clash with Object.prototype.
  const neighbours = new Map<string, ClosestLanguage[]>(names.map((name) => [name, []]));
  for (const pair of pairs) {
    const ofA = neighbours.get(pair.a)!;
    const ofB = neighbours.get(pair.b)!;
    if (ofA.length < CLOSEST_COUNT) ofA.push({ name: pair.b, score: pair.score });
    if (ofB.length < CLOSEST_COUNT) ofB.push({ name: pair.a, score: pair.score });
  }

  const tree = buildLanguageTree(names, distances);
  return {
    languages,
    universal: universalNumbers(languages, distances),
    pairs,
    tree,
    treeOrder: treeLeafOrder(tree),
    closest: Object.fromEntries(neighbours),
  };
}
