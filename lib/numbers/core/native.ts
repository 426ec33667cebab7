// The native spelling of each number, as the phrasebook writes it before the
// pronunciation guide: `; 3 : drei (''drigh'')` -> "drei", `; 1 : один (''ah-DEEN'')`
// -> "один". Shown and searched next to the guide the method compares; it never
// enters the computation (see ./parse.ts for the word the method picks).

import { NUMBER_COUNT, splitNumberLine } from "./parse";
import type { RawNumbersData } from "./types";

/** Longest native spelling kept; longer texts are notes, not a word. */
const MAX_NATIVE_LENGTH = 40;

const ENGLISH_NAME = /^(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/i;

/** Wiki markup reduced to its visible text: links, italics, bold, HTML tags and entities. */
function visibleText(wikitext: string): string {
  return wikitext
    .replace(/\[\[(?:File|Image):[^\]]*\]\]/gi, " ")
    .replace(/\[\[[^\]|]*\|([^\]]*)\]\]/g, "$1")
    .replace(/\[\[([^\]]*)\]\]/g, "$1")
    .replace(/\{\{[^}]*\}\}/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&[a-z]+;/g, " ")
    .replace(/'{2,}/g, "");
}

/**
 * The native spelling in the rest of a number line, or "" when the line gives
 * none (only a pronunciation, or a digit). Bracketed parts (pronunciations,
 * notes) and italic remarks after the word are dropped; alternatives after
 * `,` `;` `[` or " or " are cut, a slash (`ένας/μία/ένα`) is kept.
 */
export function nativeSpelling(restOfLine: string): string {
  // Italic remarks (gender marks, pronunciations) are removed before the markup is.
  const plain = visibleText(restOfLine.replace(/\([^)]*\)/g, " ").replace(/''[^']*''/g, (m, offset: number) => (offset === 0 ? m : " ")));
  const candidates = plain
    .split(/[;,[:]| or |\. |=|–|—/)
    .map((part) => part.replace(/\s+/g, " ").trim())
    .filter((part) => part !== "" && !/^[\p{Nd}\s.]+$/u.test(part));
  const first = candidates[0] ?? "";
  // A leading digit (Thai "๓ สาม") is the numeral and a leading English name
  // (Tamil "one ஒன்று") a gloss, not the word.
  const word = first
    .replace(/^[\p{Nd}]+\s+/u, "")
    .replace(ENGLISH_NAME, "")
    .replace(/^[\s\-–]+/, "")
    // An English note after a word in another script ("четири Referring to people") is
    // not part of it; one Latin word is its transliteration ("бір - bir") and stays.
    .replace(/^([^\x00-\x7F][^A-Za-z]*?)\s+[A-Za-z]+\s+[A-Za-z].*$/, "$1");
  return word.length <= MAX_NATIVE_LENGTH ? word : "";
}

/** Native spellings for 1..10 from a phrasebook section ("" where the line gives none); the first line per number wins. */
export function extractNativeWords(lines: readonly string[]): string[] {
  const native = new Array<string>(NUMBER_COUNT).fill("");
  const seen = new Array<boolean>(NUMBER_COUNT).fill(false);
  for (const line of lines) {
    const parsed = splitNumberLine(line);
    if (!parsed || parsed.number < 1 || parsed.number > NUMBER_COUNT || seen[parsed.number - 1]) continue;
    seen[parsed.number - 1] = true;
    native[parsed.number - 1] = nativeSpelling(parsed.rest);
  }
  return native;
}

/** Native spellings for the given languages, from the raw phrasebook data. */
export function nativeWordsByLanguage(raw: RawNumbersData, names: readonly string[]): Map<string, string[]> {
  return new Map(names.map((name) => [name, extractNativeWords(raw[name] ?? [])]));
}
