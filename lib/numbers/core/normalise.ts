// Step 2 of the method: reduce a word to the letters a-z that the edit
// distance compares.
//
// The original used Python's unidecode. `transliteration` (MIT, maintained,
// typed) is built on the same kind of tables: it gives the same normalised
// word as Python unidecode 1.3.6 for all 750 words kept from the shipped
// data. It differs on a few letters elsewhere (e.g. Cyrillic й/х/ц -> y/h/c
// where unidecode has i/kh/ts, Greek η -> i, Latin Ý -> U).
import { transliterate } from "transliteration";

// Spelled out so a global transliterate.config() elsewhere cannot change the
// result. Spacing between Chinese syllables is irrelevant once only letters
// are kept, so that fix-up is skipped.
const TRANSLITERATE_OPTIONS = {
  ignore: [],
  replace: [],
  replaceAfter: [],
  trim: false,
  unknown: "",
  fixChineseSpacing: false,
};

/**
 * `gh` -> `y` first (case-sensitive, so `Gh` stays: pronunciation guides write
 * e.g. "drigh" for German "drei"), then transliterate to ASCII, lowercase and
 * keep only a-z.
 */
export function normaliseWord(word: string): string {
  const ascii = transliterate(word.replaceAll("gh", "y"), TRANSLITERATE_OPTIONS);
  return ascii.toLowerCase().replace(/[^a-z]/g, "");
}
