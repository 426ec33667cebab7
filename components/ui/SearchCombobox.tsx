"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export interface SearchComboboxProps<T> {
  label: string;
  placeholder: string;
  /** data-testid of the input; the list gets `${testId}-suggestions`... unless listTestId is given. */
  testId: string;
  listTestId: string;
  /** The options for a query (the component debounces, and never shows a list for an older query). */
  search: (query: string) => Promise<T[]>;
  optionKey: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  /** Extra attributes on an option's <li> (e.g. data-title for tests). */
  optionAttributes?: (option: T) => Record<string, string>;
  /** A pick: the option and the list it was picked from. */
  onPick: (option: T, list: T[]) => void;
  /** What the box holds after a pick: the picked title, or "" to be ready for the next one. */
  textAfterPick: (option: T) => string;
  /** The message when nothing matches. */
  noMatch: (query: string) => string;
  /** Which option Enter takes when no option is highlighted (default: the first). */
  enterPick?: (list: T[]) => T | undefined;
  /** Highlight the first option as soon as a list arrives (Enter then takes it). */
  highlightFirst?: boolean;
  className?: string;
}

const DEBOUNCE_MS = 150;

/**
 * A search box with autocomplete, as WAI-ARIA's combobox pattern has it: debounced
 * search, a list that only ever answers the text in the box, arrow keys, Enter (also
 * before the list arrives), Escape, click; the list closes on blur. Used by every page
 * that picks a thing by name (films, songs).
 */
export function SearchCombobox<T>(props: SearchComboboxProps<T>) {
  const { label, placeholder, testId, listTestId, search, optionKey, renderOption, optionAttributes, onPick, textAfterPick, noMatch, enterPick, highlightFirst, className } = props;
  const [text, setText] = useState("");
  // The list and the query it answers: a list for an older query is never shown or picked from.
  const [answer, setAnswer] = useState<{ q: string; options: T[] }>({ q: "", options: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState("");
  const listId = useId();
  const latest = useRef(0);
  const cache = useRef<{ q: string; options: T[] }>({ q: "", options: [] });
  const blurTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  async function optionsFor(q: string): Promise<T[]> {
    if (cache.current.q === q) return cache.current.options;
    const options = await search(q);
    cache.current = { q, options };
    return options;
  }

  useEffect(() => {
    const q = text.trim();
    if (!q) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const options = await optionsFor(q);
        if (ticket !== latest.current) return;
        setAnswer({ q, options });
        setActive(highlightFirst && options.length ? 0 : -1);
        setMessage(options.length ? "" : noMatch(q));
      } catch {
        if (ticket === latest.current) setMessage("Search failed; try again.");
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // optionsFor/noMatch are stable in behaviour; the text alone decides when to search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  function pick(option: T | undefined, list: T[]) {
    if (option === undefined) return;
    latest.current++; // a pending debounce must not reopen the list
    setOpen(false);
    setActive(-1);
    setMessage("");
    setText(textAfterPick(option));
    onPick(option, list);
  }

  async function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const q = text.trim();
    const current = answer.q === q ? answer.options : [];
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!current.length) return;
      setOpen(true);
      const n = current.length;
      setActive((a) => (e.key === "ArrowDown" ? (a < n - 1 ? a + 1 : 0) : a > 0 ? a - 1 : n - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!q) return;
      if (open && current.length && active >= 0 && active < current.length) return pick(current[active], current);
      latest.current++;
      const list = await optionsFor(q).catch(() => [] as T[]);
      setAnswer({ q, options: list });
      if (list.length) pick(enterPick ? enterPick(list) : list[0], list);
      else setMessage(noMatch(q));
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  const showList = open && answer.q !== "" && answer.q === text.trim() && answer.options.length > 0;
  return (
    <div className={`combo${className ? ` ${className}` : ""}`} role="search">
      <label htmlFor={`${listId}-input`} className="combo-label">
        {label}
      </label>
      <input
        id={`${listId}-input`}
        data-testid={testId}
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
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
          if (!e.target.value.trim()) setAnswer({ q: "", options: [] });
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
        <ul id={listId} role="listbox" className="combo-list" data-testid={listTestId}>
          {answer.options.map((option, i) => (
            <li
              key={optionKey(option)}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              {...optionAttributes?.(option)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(option, answer.options)}
              onMouseEnter={() => setActive(i)}
            >
              {renderOption(option)}
            </li>
          ))}
        </ul>
      )}
      {message && <p className="combo-message">{message}</p>}
    </div>
  );
}
