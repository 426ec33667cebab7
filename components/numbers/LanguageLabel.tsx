import { JOKE_ARTICLE_NOTE, displayName, isJokeArticle } from "@/lib/numbers/core/joke";

/** A language's name as the page shows it; the Goudy joke article is shortened and marked. */
export function LanguageLabel({ name }: { name: string }) {
  if (!isJokeArticle(name)) return <>{name}</>;
  return (
    <>
      {displayName(name)}{" "}
      <span className="nums-joke" title={JOKE_ARTICLE_NOTE} data-testid="joke-mark">
        joke
      </span>
    </>
  );
}

/** The one-line explanation under each list that includes the joke article. */
export function JokeArticleNote() {
  return (
    <p className="nums-joke-note nums-small nums-muted" data-testid="joke-note">
      <span className="nums-joke">joke</span> {JOKE_ARTICLE_NOTE}
    </p>
  );
}
