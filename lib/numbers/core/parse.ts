// Step 1 of the method: pick the words for 1..10 out of a phrasebook's
// "Numbers" section. This mirrors the original Python (extract_numbers /
// strip_pronunciation in DOsinga/universal_numbers), quirks included, because
// the published universal numbers depend on them.

import type { RawNumbersData } from "./types";

/** Numbers the method looks at. */
export const NUMBER_COUNT = 10;

export interface ParseOptions {
  /**
   * Improvement, off by default. The original cleans the text after the `:`
   * as is, so `; 1 : wan` (note the space) cleans to nothing and only
   * pronunciations or `;1:wan`-style lines give a word. When true, the text
   * is left-trimmed first, so written words count too.
   */
  trimTextAfterColon?: boolean;
}

// Characters Python's str.strip()/int() treat as whitespace. JavaScript's
// trim() differs slightly (no \x1c-\x1f or \x85, but \ufeff), so the exact set
// is spelled out to keep line handling identical.
const PY_WHITESPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

/** Python's `s.strip(chars)`: remove any of `chars` from both ends. */
export function pyStrip(text: string, chars: string = PY_WHITESPACE): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

function decimalDigitValue(char: string): number {
  // Unicode keeps every decimal digit set contiguous and in 0..9 order, so the
  // value is the distance from the start of the run of digits, modulo 10.
  let codePoint = char.codePointAt(0)!;
  let offset = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(codePoint - 1))) {
    codePoint--;
    offset++;
  }
  return offset % 10;
}

/**
 * Python's `int(text)` for base 10, or null where Python raises ValueError:
 * surrounding whitespace, a sign, any Unicode decimal digits (Nepali `३`,
 * Arabic `٣`, ...) and single underscores between digits are accepted.
 */
export function parsePythonInt(text: string): number | null {
  const body = pyStrip(text);
  const match = /^([+-]?)((?:\p{Nd}_?)*\p{Nd})$/u.exec(body);
  if (!match) return null;
  let value = 0;
  for (const char of match[2]) {
    if (char === "_") continue;
    value = value * 10 + decimalDigitValue(char);
  }
  return match[1] === "-" ? -value : value;
}

const MEDIA_MARKER = "[[Media:";

/**
 * Clean one text (the rest of a line or a bracketed part) down to one word:
 * `[[Media:file|X]]` -> X (the whole text becomes X), `/` and `[` -> space,
 * `ə` -> `uh`, keep what precedes the first space (a text starting with a
 * space therefore cleans to ""), then strip spaces, `'`, `.` and `"` at the ends.
 */
export function cleanPronunciation(text: string): string {
  let candidate = text;
  const media = candidate.indexOf(MEDIA_MARKER);
  if (media > -1) {
    const pipe = candidate.indexOf("|", media);
    if (pipe > -1) {
      const close = candidate.indexOf("]]", pipe);
      if (close > -1) candidate = candidate.slice(pipe + 1, close);
    }
  }
  candidate = candidate.replaceAll("/", " ").replaceAll("[", " ").replaceAll("ə", "uh");
  const space = candidate.indexOf(" ");
  if (space > -1) candidate = candidate.slice(0, space);
  return pyStrip(candidate, " '.\"");
}

// Parenthesised parts, as Python's re.findall(r"\(([^)]+)\)"): non-empty,
// no nesting, leftmost first.
const BRACKETED = /\(([^)]+)\)/g;

/**
 * The word a line gives for its number, or "" if none.
 *
 * Reading of the original: the default is the cleaned rest of the line. Only
 * bracketed parts whose content starts and ends with `'` (wiki italics like
 * `(''trehsh'')`) can replace it, and only the first one that cleans to
 * something non-empty does. So `; 3 : três (''trehsh'')` gives `trehsh` (the
 * space after `:` makes the rest clean to "" anyway), while an empty
 * pronunciation `('' '')` cleans to "" and leaves the cleaned rest in place.
 * Unquoted bracketed parts such as `(formal)` are never used.
 */
export function pickWord(restOfLine: string, options: ParseOptions = {}): string {
  const rest = options.trimTextAfterColon ? pyStrip(restOfLine) : restOfLine;
  let word = cleanPronunciation(rest);
  for (const match of rest.matchAll(BRACKETED)) {
    const inside = match[1];
    if (inside[0] !== "'" || inside[inside.length - 1] !== "'") continue;
    const cleaned = cleanPronunciation(inside);
    if (cleaned) {
      word = cleaned;
      break;
    }
  }
  return word;
}

/** A `; <number> : <rest>` line split up, or null if it is not one. */
export function splitNumberLine(line: string): { number: number; rest: string } | null {
  const trimmed = pyStrip(line);
  if (!trimmed.startsWith(";")) return null;
  const body = pyStrip(trimmed, " ;");
  const colon = body.indexOf(":");
  if (colon < 0) return null;
  // Thousands separators are dropped, so "1,000" is 1000 (and never 1..10).
  const number = parsePythonInt(body.slice(0, colon).replaceAll(",", ""));
  if (number === null) return null;
  return { number, rest: body.slice(colon + 1) };
}

/**
 * Words for 1..10 from a language's section lines, or null unless all ten
 * are found. The first non-empty word for a number wins.
 */
export function extractNumberWords(lines: readonly string[], options: ParseOptions = {}): string[] | null {
  const words: string[] = new Array<string>(NUMBER_COUNT).fill("");
  for (const line of lines) {
    const parsed = splitNumberLine(line);
    if (!parsed || parsed.number < 1 || parsed.number > NUMBER_COUNT) continue;
    if (words[parsed.number - 1]) continue;
    words[parsed.number - 1] = pickWord(parsed.rest, options);
  }
  return words.every((word) => word !== "") ? words : null;
}

/** Code-point order, as Python's sorted() on str (not localeCompare). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** Languages with all ten numbers, sorted in code-point order of their names. */
export function parseLanguages(raw: RawNumbersData, options: ParseOptions = {}): { name: string; words: string[] }[] {
  const kept: { name: string; words: string[] }[] = [];
  for (const [name, lines] of Object.entries(raw)) {
    const words = extractNumberWords(lines, options);
    if (words) kept.push({ name, words });
  }
  return kept.sort((x, y) => compareCodePoints(x.name, y.name));
}
