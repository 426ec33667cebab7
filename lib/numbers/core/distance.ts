// Step 3 and 4 of the method: a Levenshtein distance whose costs follow how
// numbers sound (cheap h's, doubled letters and vowel shifts; cheap swaps
// within a Soundex class), and the pair score built on it.
// All functions here expect normalised words (only a-z, see ./normalise.ts).

import { normaliseWord } from "./normalise";
import type { AlignmentStep, DistanceWithAlignment } from "./types";

/** Soundex-like class per letter a..z: letters sharing a class sound alike. */
export const SOUNDEX_CLASSES = "abcdafggadglmmabglsdafbgas";

const VOWELS = "aeiou";

function isVowel(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && VOWELS.includes(char);
}

export function soundexClass(char: string): string {
  return SOUNDEX_CLASSES[char.charCodeAt(0) - 97];
}

/**
 * Cost of deleting (or inserting) `word[index]`, judged in its own word:
 * an `h` is nearly silent; a doubled letter barely changes the sound (a
 * doubled vowel even less); a vowel in a vowel cluster or on its own is
 * cheaper than a consonant.
 */
export function indelCost(word: string, index: number): number {
  const char = word[index];
  if (char === "h") return 0.1;
  const before = index > 0 ? word[index - 1] : undefined;
  const after = index < word.length - 1 ? word[index + 1] : undefined;
  if (char === before || char === after) return isVowel(char) ? 0.1 : 0.3;
  if (isVowel(char) && (isVowel(before) || isVowel(after))) return 0.2;
  if (isVowel(char)) return 0.5;
  return 1;
}

/** Cost of replacing one letter by another. */
export function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  const classA = soundexClass(a);
  const classB = soundexClass(b);
  // A c often sounds like an s (cinco, cent).
  if ((a === "c" || b === "c") && (classA === "s" || classB === "s")) return 0.4;
  if (classA === classB) return 0.4;
  return 1.8;
}

const LETTER_COUNT = 26;

// Substitution costs for every pair of letters a-z, looked up by letter index.
const SUBSTITUTION_TABLE = (() => {
  const table = new Float64Array(LETTER_COUNT * LETTER_COUNT);
  for (let i = 0; i < LETTER_COUNT; i++) {
    for (let j = 0; j < LETTER_COUNT; j++) table[i * LETTER_COUNT + j] = substitutionCost(String.fromCharCode(97 + i), String.fromCharCode(97 + j));
  }
  return table;
})();

function indelCosts(word: string): Float64Array {
  const costs = new Float64Array(word.length);
  for (let i = 0; i < word.length; i++) costs[i] = indelCost(word, i);
  return costs;
}

function letterIndex(char: string): number {
  return char.charCodeAt(0) - 97;
}

function substitution(a: string, b: string): number {
  const i = letterIndex(a);
  const j = letterIndex(b);
  // Outside a-z only if a caller skipped normalisation; stay correct anyway.
  if (i >= 0 && i < LETTER_COUNT && j >= 0 && j < LETTER_COUNT) return SUBSTITUTION_TABLE[i * LETTER_COUNT + j];
  return substitutionCost(a, b);
}

/**
 * The DP table, flat: cell (row, col) at row * (a.length + 1) + col, rows
 * following `b` and columns following `a` as in the original. Each cell is
 * the minimum of the three ways into it, so the values (and the distance)
 * are the same for (a, b) and (b, a).
 */
function distanceTable(a: string, b: string): Float64Array {
  const width = a.length + 1;
  const table = new Float64Array(width * (b.length + 1));
  const costsA = indelCosts(a);
  const costsB = indelCosts(b);
  for (let row = 1; row <= b.length; row++) table[row * width] = table[(row - 1) * width] + costsB[row - 1];
  for (let col = 1; col <= a.length; col++) table[col] = table[col - 1] + costsA[col - 1];
  for (let col = 1; col <= a.length; col++) {
    const charA = a[col - 1];
    for (let row = 1; row <= b.length; row++) {
      const here = row * width + col;
      table[here] = Math.min(
        table[here - width] + costsB[row - 1],
        table[here - 1] + costsA[col - 1],
        table[here - width - 1] + substitution(b[row - 1], charA),
      );
    }
  }
  return table;
}

/** Weighted edit distance between two normalised words. */
export function wordDistance(a: string, b: string): number {
  return distanceTable(a, b)[(b.length + 1) * (a.length + 1) - 1];
}

/**
 * Distance between two words (normalised first) and the cheapest alignment
 * that realises it, recovered by walking the DP table back from the end.
 * Summing the step costs in order repeats the DP's own additions, so the
 * total equals `distance` exactly.
 */
export function distanceWithAlignment(first: string, second: string): DistanceWithAlignment {
  const a = normaliseWord(first);
  const b = normaliseWord(second);
  const table = distanceTable(a, b);
  const width = a.length + 1;
  const steps: AlignmentStep[] = [];
  let row = b.length;
  let col = a.length;
  // Take a move whenever the cell it comes from plus its cost gives exactly
  // this cell's value; one of the three always does, as the cell is their min.
  while (row > 0 || col > 0) {
    const here = table[row * width + col];
    if (row > 0 && col > 0) {
      const cost = substitution(b[row - 1], a[col - 1]);
      if (table[(row - 1) * width + col - 1] + cost === here) {
        steps.push({ op: cost === 0 ? "match" : "substitute", from: a[col - 1], to: b[row - 1], cost });
        row--;
        col--;
        continue;
      }
    }
    if (col > 0) {
      const cost = indelCost(a, col - 1);
      if (table[row * width + col - 1] + cost === here) {
        steps.push({ op: "delete", from: a[col - 1], cost });
        col--;
        continue;
      }
    }
    const cost = indelCost(b, row - 1);
    steps.push({ op: "insert", to: b[row - 1], cost });
    row--;
  }
  steps.reverse();
  return { a, b, distance: table[table.length - 1], alignment: steps };
}

// x ** 1.5 rounded correctly. V8's Math.pow is off by one unit in the last
// place for some inputs where the C library pow that Python calls is not, so
// the pair scores would differ from the reference in their last bit.
// x * sqrt(x) is within a unit or two of the true value; the loops below move
// to the neighbouring double while the true value lies beyond the midpoint,
// comparing squares exactly with BigInt.
const bitsView = new DataView(new ArrayBuffer(8));

function doubleBits(x: number): bigint {
  bitsView.setFloat64(0, x);
  return bitsView.getBigUint64(0);
}

function fromBits(bits: bigint): number {
  bitsView.setBigUint64(0, bits);
  return bitsView.getFloat64(0);
}

/** Positive normal x as mantissa * 2^exponent with an integer mantissa. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const bits = doubleBits(x);
  const biased = Number(bits >> 52n);
  return { mantissa: (bits & 0xfffffffffffffn) | 0x10000000000000n, exponent: biased - 1075 };
}

/** Sign of a * 2^ea - b * 2^eb for non-negative integers a, b. */
function compareScaled(a: bigint, ea: number, b: bigint, eb: number): number {
  const left = ea > eb ? a << BigInt(ea - eb) : a;
  const right = eb > ea ? b << BigInt(eb - ea) : b;
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Sign of x^3 - m^2 where m is the midpoint between c and the next double up. */
function cubeVersusMidpoint(x: { mantissa: bigint; exponent: number }, c: number): number {
  const { mantissa, exponent } = decompose(c);
  const midpoint = 2n * mantissa + 1n;
  return compareScaled(x.mantissa ** 3n, 3 * x.exponent, midpoint * midpoint, 2 * (exponent - 1));
}

/** Correctly rounded x ** 1.5 for positive normal x. */
export function powThreeHalves(x: number): number {
  if (!(x > 0) || !Number.isFinite(x) || x < 2 ** -1000 || x > 2 ** 600) return x ** 1.5;
  const exactX = decompose(x);
  const isEven = (value: number) => (doubleBits(value) & 1n) === 0n;
  let result = x * Math.sqrt(x);
  // Beyond the midpoint to the next double up: move up. On an exact tie
  // (x = s^2 with s^3 needing 54 bits, e.g. s = 262143), go to the even one.
  for (;;) {
    const above = fromBits(doubleBits(result) + 1n);
    const side = cubeVersusMidpoint(exactX, result);
    if (side > 0 || (side === 0 && isEven(above))) result = above;
    else break;
  }
  // Short of the midpoint to the next double down: move down.
  for (;;) {
    const below = fromBits(doubleBits(result) - 1n);
    const side = cubeVersusMidpoint(exactX, below);
    if (side < 0 || (side === 0 && isEven(below))) result = below;
    else break;
  }
  return result;
}

/** Similarity of two languages from their ten distances: in (0, 1], 1 = identical. */
export function pairScore(distances: readonly number[]): number {
  let sum = 0;
  for (const distance of distances) sum += similarityTerm(distance);
  return sum / distances.length;
}

// Distances take few distinct values (sums of a handful of costs), so the
// exact power is worth remembering. Bounded, in case of unusual input.
const termCache = new Map<number, number>();

function similarityTerm(distance: number): number {
  let term = termCache.get(distance);
  if (term === undefined) {
    term = powThreeHalves(10 / (10 + distance));
    if (termCache.size > 100_000) termCache.clear();
    termCache.set(distance, term);
  }
  return term;
}
