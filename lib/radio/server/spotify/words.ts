/**
 * The crawl's choice of search words (pure; no I/O), as the original describes it: start with
 * "a"; then count, over the titles of every playlist collected so far, how often each word
 * appears, and search next for the most frequent word not searched yet. Words are folded
 * (lower case, accents and punctuation dropped, "don't" -> "dont"); ties go to the word that
 * sorts first, so a crawl is reproducible from its stored state.
 */
import "server-only";
import { foldText } from "@/lib/text/fold";

export const FIRST_WORD = "a";

/** The words of a playlist title, folded, in order (repeats kept). */
export function titleWords(title: string): string[] {
  const folded = foldText(title);
  return folded ? folded.split(" ") : [];
}

/** Word -> occurrences over all titles. */
export function countTitleWords(titles: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const title of titles) for (const word of titleWords(title)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The next word to search: "a" first, then the most frequent unsearched title word; null when none is left. */
export function nextSearchWord(titles: Iterable<string>, searched: ReadonlySet<string>): string | null {
  if (!searched.has(FIRST_WORD)) return FIRST_WORD;
  let best: string | null = null;
  let bestCount = 0;
  for (const [word, count] of countTitleWords(titles)) {
    if (searched.has(word)) continue;
    if (count > bestCount || (count === bestCount && best !== null && word < best)) {
      best = word;
      bestCount = count;
    }
  }
  return best;
}
