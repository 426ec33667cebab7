// Text helpers for the movie link builder (and the title keys the store searches
// by): Wikipedia titles, name keys, and a small tokenizer for lead paragraphs that
// keeps initials ("D. W. Griffith") and abbreviations ("Warner Bros.") inside
// names instead of ending sentences.

import { foldText } from "@/lib/text/fold";

/** Wikipedia article title from an href or URI tail: percent-decoded, `_` -> space, first letter upper-cased. */
export function wikiTitle(raw: string): string {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // A stray % in a title: keep it as it is.
  }
  text = text.replace(/_/g, " ").replace(/\s+/g, " ").trim();
  return upperFirst(text);
}

export function upperFirst(text: string): string {
  if (!text) return text;
  const first = String.fromCodePoint(text.codePointAt(0)!);
  return first.toUpperCase() + text.slice(first.length);
}

/** The title shown to people: the article title without a trailing "(film)" / "(1979 film)" / "(serial)" qualifier. */
export function displayTitleOf(articleTitle: string): string {
  return articleTitle.replace(/\s+\((?:\d{4}\s+)?(?:[\p{L}-]+\s+)?(?:film|movie|serial|short film|animated film|documentary|musical)\)$/iu, "").trim();
}

/** Lower-case, accents and punctuation removed, whitespace collapsed: a key that joins spelling variants. */
export function nameKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Key for joining film titles across sources: nameKey without a leading article. */
export function titleKey(title: string): string {
  return nameKey(title).replace(/^(the|a|an) /, "");
}

/** Person or company name as a Wikipedia-style title: tidy spacing, ", Jr." -> " Jr.". */
export function cleanName(raw: string): string {
  return raw
    .replace(/\s*\((?:voices?|uncredited|narrator|cameo|as [^)]*)\)\s*/gi, " ")
    .replace(/^["'“”‘’\s]+|["'“”‘’\s,;:]+$/g, "")
    .replace(/,\s*(Jr|Sr)\.?$/, " $1.")
    .replace(/\s+(Jr|Sr)$/, " $1.")
    .replace(/\s+/g, " ")
    .trim();
}

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|(?:de|da|di|del|della|der|den|du|van|von|la|le|dos|das|y|bin|al|ter|mc)|[IVX]+|Jr\.?|Sr\.?|\d+(?:st|nd|rd|th)?)$/u;

/**
 * Does a cast/director list entry look like a person's name? Rejects scraping
 * debris such as ")" or "(voices)" and sentences that ended up in a cast cell.
 */
export function looksLikeName(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  if (!/^\p{Lu}/u.test(text)) return false;
  if (/[()[\]{}:;!?"]|https?:/.test(text)) return false;
  const words = text.split(" ");
  if (words.length > 5) return false;
  return words.every((word) => NAME_WORD.test(word));
}

// ---------------------------------------------------------------- tokens

export type TokenType = "word" | "punct" | "end";

export interface Token {
  text: string;
  type: TokenType;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** First word of a sentence (its capital may only mark the sentence start). */
  sentenceStart: boolean;
  /** Character offset in the source text. */
  start: number;
}

/** Abbreviations whose dot does not end a sentence. */
const ABBREVIATIONS = new Set([
  "jr", "sr", "bros", "dr", "mr", "mrs", "ms", "st", "co", "inc", "ltd", "mt", "vs", "ft", "no", "vol", "gen", "col", "capt", "lt", "sgt", "prof", "rev", "hon", "corp", "pt", "messrs",
]);

/** Words that start a new sentence after "Sr." / "Bros." / "Inc." (whose dot is ambiguous). */
const SENTENCE_STARTERS = new Set(["It", "The", "He", "She", "They", "In", "A", "An", "This", "His", "Her", "After", "When", "Its", "On", "At", "As", "With", "Although", "While", "Following", "Released", "Directed", "Based", "Produced", "Written", "Filming", "Principal", "Upon", "During", "Despite", "Set"]);

const TOKEN_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}'’&-]|\.(?=\p{L}\.))*\.?|[^\s\p{L}\p{N}]/gu;

/** Splits a lead paragraph into words, punctuation and sentence ends. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  for (const match of text.matchAll(TOKEN_RE)) {
    let word = match[0];
    const start = match.index!;
    if (/^[\p{L}\p{N}]/u.test(word)) {
      let endsSentence = false;
      if (word.endsWith(".")) {
        const bare = word.slice(0, -1);
        const keepDot = /^\p{Lu}$/u.test(bare) || bare.includes(".") || ABBREVIATIONS.has(bare.toLowerCase());
        if (!keepDot) {
          word = bare;
          endsSentence = true;
        }
      }
      const previous = tokens[tokens.length - 1];
      if (
        previous?.type === "word" &&
        /^(?:Jr|Sr|Bros|Inc|Ltd|Co|Corp)\.$/.test(previous.text) &&
        SENTENCE_STARTERS.has(word)
      ) {
        tokens.push({ text: ".", type: "end", cap: false, sentenceStart: false, start });
        sentenceStart = true;
      }
      tokens.push({ text: word, type: "word", cap: /^\p{Lu}/u.test(word), sentenceStart, start });
      sentenceStart = false;
      if (endsSentence) {
        tokens.push({ text: ".", type: "end", cap: false, sentenceStart: false, start: start + word.length });
        sentenceStart = true;
      }
    } else if (word === "." || word === "!" || word === "?") {
      tokens.push({ text: word, type: "end", cap: false, sentenceStart: false, start });
      sentenceStart = true;
    } else {
      tokens.push({ text: word, type: "punct", cap: false, sentenceStart: false, start });
    }
  }
  return tokens;
}

/** Nationality and language adjectives: capitalised, but never a link target on their own. */
export const NATIONALITIES = new Set(
  [
    "American", "British", "English", "French", "German", "Italian", "Canadian", "Australian", "Mexican", "Japanese", "Chinese", "Spanish", "Irish",
    "Scottish", "Russian", "Soviet", "Indian", "European", "African", "Asian", "Swedish", "Danish", "Dutch", "Greek", "Korean", "South Korean",
    "Hungarian", "Polish", "Austrian", "Swiss", "Welsh", "Belgian", "Norwegian", "Finnish", "Czech", "Brazilian", "Argentine", "Argentinian",
    "Hong Kong", "Taiwanese", "Thai", "Filipino", "Israeli", "Turkish", "Iranian", "Egyptian", "Portuguese", "Icelandic", "Chilean", "Cuban",
    "New Zealand", "Yiddish", "Hindi", "Latin", "British-American", "American-British", "Anglo-American", "Academy Award-winning", "Oscar-winning",
    "Canadian-American", "American-Canadian", "German-American", "Italian-American", "French-American", "Australian-American",
  ],
);

/** Words that join capitalised words into one name ("Lord of the Rings", "Erik von Detten"). */
export const NAME_CONNECTORS = new Set(["of", "the", "de", "da", "di", "del", "della", "der", "den", "du", "van", "von", "la", "le", "dos", "das", "y", "bin", "al", "ter", "in", "on", "and", "&", "for", "to"]);
/** Connectors allowed inside a person/company name in a list ("and" separates list items there). */
export const PERSON_CONNECTORS = new Set(["de", "da", "di", "del", "della", "der", "den", "du", "van", "von", "la", "le", "dos", "das", "y", "bin", "al", "ter"]);

/** Join tokens back into text with normal spacing. */
export function joinTokens(tokens: readonly Token[]): string {
  let out = "";
  for (const token of tokens) {
    if (out && token.type === "word" && !/[-–(]$/.test(out)) out += " ";
    else if (out && (token.text === "(" || token.text === "–")) out += " ";
    out += token.text;
  }
  return out.replace(/ – /g, " – ").replace(/\s+:/g, ":");
}

/** Capitalised run starting at i: words joined by `connectors` (and ":" / "–" before a capital); returns the end (exclusive). */
export function capitalisedRunEnd(tokens: readonly Token[], i: number, connectors: ReadonlySet<string>): number {
  if (i >= tokens.length || tokens[i].type !== "word") return i;
  // "20th Century Fox": an ordinal may start a name when a capitalised word follows.
  const ordinalStart = /^\d+(?:st|nd|rd|th)$/.test(tokens[i].text) && tokens[i + 1]?.type === "word" && tokens[i + 1].cap;
  if (!tokens[i].cap && !ordinalStart) return i;
  let end = i + 1;
  for (;;) {
    let j = end;
    // connectors (possibly several: "of the") followed by a capitalised word
    while (j < tokens.length && ((tokens[j].type === "word" && !tokens[j].cap && connectors.has(tokens[j].text)) || (connectors === NAME_CONNECTORS && (tokens[j].text === ":" || tokens[j].text === "–")))) j++;
    if (j < tokens.length && tokens[j].type === "word" && (tokens[j].cap || /^\d/.test(tokens[j].text)) && !tokens[j].sentenceStart) {
      end = j + 1;
    } else {
      return end;
    }
  }
}

const ROMAN_NUMERALS = new Map(
  ["ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"].map((r, i) => [r, String(i + 2)]),
);

/**
 * What film search compares: folded text (lib/text/fold) without a leading article, and
 * roman numerals from II up as digits, so "godfather part 2" finds "The Godfather Part II".
 * Single letters stay letters ("I", "V" and "X" are more often words or names than numbers).
 */
export function movieSearchKey(text: string): string {
  const words = foldText(text).split(" ").filter(Boolean);
  if (words.length > 1 && (words[0] === "the" || words[0] === "a" || words[0] === "an")) words.shift();
  return words.map((w) => (w.length > 1 ? (ROMAN_NUMERALS.get(w) ?? w) : w)).join(" ");
}
