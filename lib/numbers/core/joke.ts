// "Goudy" is not a language: it is a Wikivoyage joke article
// ("Wikivoyage:Joke articles/Goudy") that happens to have a phrasebook-style
// "Numbers" section. The original method kept it and the results must not
// change, so it stays in the data; the page names it briefly and marks it.

/** Title prefix of Wikivoyage's joke articles (project pages, not phrasebooks). */
const JOKE_ARTICLE_PREFIX = "Wikivoyage:Joke articles/";

export function isJokeArticle(name: string): boolean {
  return name.startsWith(JOKE_ARTICLE_PREFIX);
}

/** The name to show: "Goudy" for the joke article, the language name otherwise. */
export function displayName(name: string): string {
  return isJokeArticle(name) ? name.slice(JOKE_ARTICLE_PREFIX.length) : name;
}

/** One sentence on what the joke article is, for a note wherever it is listed. */
export const JOKE_ARTICLE_NOTE =
  "Goudy is not a real language but a Wikivoyage joke article (“Wikivoyage:Joke articles/Goudy”) written like a phrasebook; the original method counted it, so it stays in the results, marked as a joke.";
