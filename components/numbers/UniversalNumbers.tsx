import type { UniversalNumber } from "@/lib/numbers/core/types";
import { languageColours } from "./languageColours";

/** The universal one to ten, each with the language its word comes from. */
export function UniversalNumbers({ universal, languageCount }: { universal: UniversalNumber[]; languageCount: number }) {
  const colours = languageColours(universal.map((u) => u.language));
  return (
    <section className="nums-section" aria-labelledby="nums-universal">
      <h2 id="nums-universal">The universal one to ten</h2>
      <p className="nums-lede">
        For each number, the word that sits closest to the words for it in all {languageCount} languages.
      </p>
      <ol className="nums-universal" data-testid="universal-numbers">
        {universal.map((u) => (
          <li key={u.number} className="nums-universal-card" data-number={u.number} style={{ "--lang": colours.get(u.language) } as React.CSSProperties}>
            <span className="nums-universal-digit" aria-hidden="true">
              {u.number}
            </span>
            <span className="nums-universal-word" title={`${u.number} in ${u.language}`}>
              {u.word}
            </span>
            <span className="nums-universal-language">{u.language}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
