"use client";

import { SearchCombobox } from "@/components/ui/SearchCombobox";
import type { FilmRef } from "@/lib/movies/core/api-schema";
import { searchFilms } from "./api";

/**
 * Title search with autocomplete (/api/movies/search); a pick shows the film and offers the
 * other matches; a search that finds nothing calls `onNoMatch` (the last pick's matches are stale).
 */
export function SearchBox({ onPick, onNoMatch }: { onPick: (film: FilmRef, others: FilmRef[]) => void; onNoMatch: () => void }) {
  return (
    <SearchCombobox<FilmRef>
      label="Find a film"
      placeholder="e.g. Back to the Future, Casablanca, Toy Story"
      testId="movie-search"
      listTestId="movie-suggestions"
      search={async (q) => {
        const { results } = await searchFilms(q);
        if (!results.length) onNoMatch();
        return results;
      }}
      optionKey={(film) => film.title}
      optionAttributes={(film) => ({ "data-title": film.title })}
      renderOption={(film) => (
        <>
          <span className="combo-main">{film.displayTitle}</span>
          {film.year !== null && <span className="combo-aside">{film.year}</span>}
        </>
      )}
      textAfterPick={(film) => film.displayTitle}
      onPick={(film, list) => onPick(film, list.filter((f) => f.title !== film.title))}
      noMatch={(q) => `No film title has the words "${q}", even allowing a typo or two.`}
    />
  );
}
