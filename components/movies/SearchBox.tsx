"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { FilmRef } from "@/lib/movies/core/api-schema";
import { searchFilms } from "./api";

/** Title search with autocomplete: debounced /api/movies/search, arrow keys, Enter, click. */
export function SearchBox({ onPick }: { onPick: (film: FilmRef, others: FilmRef[]) => void }) {
  const [text, setText] = useState("");
  // The list and the query it answers: a list for an older query is never shown or picked from.
  const [{ results, resultsQuery }, setAnswer] = useState<{ results: FilmRef[]; resultsQuery: string }>({ results: [], resultsQuery: "" });
  const setResults = (list: FilmRef[], q: string) => setAnswer({ results: list, resultsQuery: q });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState("");
  const listId = useId();
  const latest = useRef(0);
  const resultsFor = useRef<{ q: string; results: FilmRef[] }>({ q: "", results: [] });
  const blurTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  async function fetchResults(q: string): Promise<FilmRef[]> {
    if (resultsFor.current.q === q) return resultsFor.current.results;
    const body = await searchFilms(q);
    resultsFor.current = { q, results: body.results };
    return body.results;
  }

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- an emptied box closes the list at once instead of waiting for the debounce
      setResults([], "");
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const found = await fetchResults(q);
        if (ticket !== latest.current) return;
        setResults(found, q);
        setActive(-1);
        setMessage(found.length ? "" : `No film title starts with "${q}".`);
      } catch {
        if (ticket === latest.current) setMessage("Search failed; try again.");
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [text]);

  function pick(index: number, list: FilmRef[]) {
    const film = list[index];
    if (!film) return;
    setOpen(false);
    setActive(-1);
    setText(film.displayTitle);
    onPick(film, list.filter((_, i) => i !== index));
  }

  async function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!results.length) return;
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      const n = results.length;
      setActive((a) => (step > 0 ? (a < n - 1 ? a + 1 : 0) : a > 0 ? a - 1 : n - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const q = text.trim();
      if (!q) return;
      if (open && resultsQuery === q && active >= 0 && active < results.length) return pick(active, results);
      latest.current++; // the pending debounce must not reopen the list
      const list = await fetchResults(q).catch(() => []);
      setResults(list, q);
      if (list.length) pick(0, list);
      else setMessage(`No film title starts with "${q}".`);
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  const showList = open && results.length > 0 && resultsQuery === text.trim();
  return (
    <div className="mv-search" role="search">
      <label htmlFor={`${listId}-input`} className="mv-search-label">
        Find a film
      </label>
      <input
        id={`${listId}-input`}
        data-testid="movie-search"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. Back to the Future, Casablanca, Toy Story"
        value={text}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
          setMessage("");
        }}
        onFocus={() => {
          clearTimeout(blurTimer.current); // coming back within the blur delay keeps the list open
          setOpen(true);
        }}
        onBlur={() => {
          blurTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul id={listId} role="listbox" className="mv-suggestions" data-testid="movie-suggestions">
          {results.map((film, i) => (
            <li
              key={film.title}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              data-title={film.title}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(i, results)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="mv-sugg-title">{film.displayTitle}</span>
              {film.year !== null && <span className="mv-sugg-year">{film.year}</span>}
            </li>
          ))}
        </ul>
      )}
      {message && <p className="mv-search-message">{message}</p>}
    </div>
  );
}
