// The distance playground's rules, shared by the page (client side) and
// GET /api/numbers/distance, so both accept and refuse the same words.
// No zod here: this module ships to the browser.

import { distanceWithAlignment, powThreeHalves } from "./distance";
import { normaliseWord } from "./normalise";
import type { DistanceWithAlignment } from "./types";

/** Longest word accepted (the same limit as MAX_QUERY_WORD_LENGTH in ./schema.ts). */
export const PLAYGROUND_MAX_LENGTH = 64;

export type WordProblemCode = "empty" | "too_long" | "no_letters";

export interface WordProblem {
  code: WordProblemCode;
  message: string;
}

/** Why a word cannot be compared, or null when it can. Words are trimmed first. */
export function wordProblem(word: string): WordProblem | null {
  const trimmed = word.trim();
  if (trimmed.length === 0) return { code: "empty", message: "Type a word." };
  if (trimmed.length > PLAYGROUND_MAX_LENGTH) {
    return { code: "too_long", message: `At most ${PLAYGROUND_MAX_LENGTH} characters (this is ${trimmed.length}).` };
  }
  if (normaliseWord(trimmed) === "") return { code: "no_letters", message: noLettersMessage(trimmed) };
  return null;
}

/** The message for a word that normalises to nothing, e.g. "123" or "?!". */
export function noLettersMessage(word: string): string {
  return `"${word}" has no letters a-z after normalising, so there is nothing to compare.`;
}

export type PlaygroundResult =
  | { ok: true; result: DistanceWithAlignment }
  | { ok: false; problems: { a: WordProblem | null; b: WordProblem | null } };

/** Compares two playground words, or says what is wrong with each. */
export function comparePlaygroundWords(a: string, b: string): PlaygroundResult {
  const problems = { a: wordProblem(a), b: wordProblem(b) };
  if (problems.a || problems.b) return { ok: false, problems };
  return { ok: true, result: distanceWithAlignment(a.trim(), b.trim()) };
}

/** What one number with this distance adds to a pair score (before the mean over ten): (10 / (10 + d))^1.5. */
export function similarityTerm(distance: number): number {
  return powThreeHalves(10 / (10 + distance));
}
