"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { isJokeArticle } from "@/lib/numbers/core/joke";
import { normaliseWord } from "@/lib/numbers/core/normalise";
import type { StoredLanguage } from "@/lib/numbers/core/types";
import type { UniversalNumber } from "@/lib/numbers/core/types";
import { formatScore } from "./format";
import { JokeArticleNote, LanguageLabel } from "./LanguageLabel";

type SortKey = "tree" | "name" | "closest" | number; // a number k sorts by the word for k + 1
interface Sort {
  key: SortKey;
  descending: boolean;
}

const NUMBERS = Array.from({ length: 10 }, (_, k) => k);
const collator = new Intl.Collator("en", { sensitivity: "base" });

function compare(x: StoredLanguage, y: StoredLanguage, key: SortKey): number {
  if (key === "tree") return x.treeOrder - y.treeOrder;
  if (key === "name") return collator.compare(x.name, y.name);
  if (key === "closest") return (y.closest[0]?.score ?? 0) - (x.closest[0]?.score ?? 0) || collator.compare(x.name, y.name);
  return collator.compare(x.words[key], y.words[key]) || collator.compare(x.name, y.name);
}

/** How many closest languages a row lists (the stored five are more than fit). */
const CLOSEST_SHOWN = 3;

/**
 * A row matches on its name, a pronunciation guide or a native spelling as typed
 * ("drei", "один"), or on either reduced to a-z, so a transliteration finds the
 * native word too ("odin" finds Russian).
 */
function matches(language: StoredLanguage, query: string, normalisedQuery: string): boolean {
  if (!query) return true;
  if (language.name.toLowerCase().includes(query)) return true;
  const written = [...language.words, ...language.native];
  if (written.some((w) => w.toLowerCase().includes(query))) return true;
  return normalisedQuery !== "" && [...language.normalised, ...language.native.map(normaliseWord)].some((w) => w.includes(normalisedQuery));
}

/** The native spelling when the phrasebook gives one that differs from the pronunciation guide. */
function nativeShown(language: StoredLanguage, k: number): string | null {
  const native = language.native[k];
  return native && native.toLowerCase() !== language.words[k].toLowerCase() ? native : null;
}

/** Every language with its ten words and closest languages: sortable, searchable; click a neighbour to jump to it. */
export function LanguageTable(props: {
  languages: StoredLanguage[];
  universal: UniversalNumber[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  const { languages, universal, selected, onSelect } = props;
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<Sort>({ key: "name", descending: false });
  const boxRef = useRef<HTMLDivElement>(null);

  const needle = query.trim().toLowerCase();
  const rows = useMemo(() => {
    const normalisedQuery = normaliseWord(needle);
    const kept = languages.filter((language) => matches(language, needle, normalisedQuery));
    kept.sort((x, y) => compare(x, y, sort.key) * (sort.descending ? -1 : 1));
    return kept;
  }, [languages, needle, sort]);

  const isUniversal = (language: string, k: number) => universal[k]?.language === language;

  // A new selection (from here, the heat map or the tree) is shown: the search is cleared if it hides
  // the row, then the row is brought into view inside the table's own scroll box (never the page).
  const pendingScroll = useRef<string | null>(null);
  useEffect(() => {
    pendingScroll.current = selected;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a selection made elsewhere must not stay hidden by the search
    if (selected && !rows.some((row) => row.name === selected)) setQuery("");
    // Only when the selection changes; typing a search must not undo itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);
  useEffect(() => {
    const box = boxRef.current;
    const name = pendingScroll.current;
    if (!box || !name) return;
    const row = box.querySelector<HTMLTableRowElement>(`tr[data-language="${CSS.escape(name)}"]`);
    if (!row) return;
    pendingScroll.current = null;
    const header = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    if (row.offsetTop - header < box.scrollTop || row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTo({ top: Math.max(0, row.offsetTop - header - box.clientHeight / 3), behavior: "smooth" });
    }
  }, [selected, rows]);

  function header(label: React.ReactNode, key: SortKey, title: string, className?: string) {
    const active = sort.key === key;
    return (
      <th key={String(key)} scope="col" className={className} aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
        <button type="button" title={title} onClick={() => setSort({ key, descending: active ? !sort.descending : false })}>
          {label}
          <span className="nums-sort" aria-hidden="true">
            {active ? (sort.descending ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  }

  return (
    <section className="nums-section" aria-labelledby="nums-table">
      <h2 id="nums-table">Every language</h2>
      <div className="nums-toolbar">
        <input
          type="search"
          className="nums-search"
          placeholder="Search a language or a word: drei, один, odin…"
          aria-label="Search languages and words"
          data-testid="table-search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="nums-muted" data-testid="table-count">
          {rows.length === languages.length ? `${languages.length} languages` : `${rows.length} of ${languages.length} languages`}
        </span>
      </div>
      <div className="nums-table-box" ref={boxRef}>
        <table className="nums-table" data-testid="language-table">
          <thead>
            <tr>
              {header("#", "tree", "Sort by position in the language tree (the heat map's order)", "nums-col-rank")}
              {header("Language", "name", "Sort by name", "nums-col-name")}
              {NUMBERS.map((k) => header(k + 1, k, `Sort by the word for ${k + 1}`))}
              {header("Closest languages", "closest", "Sort by how close the nearest language is")}
            </tr>
          </thead>
          <tbody>
            {rows.map((language) => (
              <tr key={language.name} data-language={language.name} className={language.name === selected ? "is-selected" : undefined}>
                <td className="nums-col-rank nums-muted">{language.treeOrder + 1}</td>
                <th scope="row" className="nums-col-name">
                  <button type="button" className="nums-link" onClick={() => onSelect(language.name)} title="Show in the heat map and the tree">
                    <LanguageLabel name={language.name} />
                  </button>
                </th>
                {NUMBERS.map((k) => {
                  const native = nativeShown(language, k);
                  return (
                    <td
                      key={k}
                      className={isUniversal(language.name, k) ? "nums-word is-universal" : "nums-word"}
                      title={`${isUniversal(language.name, k) ? `The universal ${k + 1}. ` : ""}Pronunciation guide ${language.words[k]}, compared as ${language.normalised[k]}`}
                    >
                      {native && (
                        <span className="nums-native" data-testid="native-word">
                          {native}
                        </span>
                      )}
                      <span className="nums-guide">{language.words[k]}</span>
                    </td>
                  );
                })}
                <td className="nums-closest">
                  {language.closest.slice(0, CLOSEST_SHOWN).map((c) => (
                    <button key={c.name} type="button" className="nums-chip" data-testid="closest-link" onClick={() => onSelect(c.name)} title={`score ${formatScore(c.score)}`}>
                      <LanguageLabel name={c.name} /> <small>{c.score.toFixed(2)}</small>
                    </button>
                  ))}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={13} className="nums-muted">
                  No language or word contains “{query.trim()}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="nums-small nums-muted">
        Each cell shows the word as the phrasebook writes it (when it gives one) above the pronunciation guide the method
        compares; the universal words are in colour.
      </p>
      {rows.some((row) => isJokeArticle(row.name)) && <JokeArticleNote />}
    </section>
  );
}
