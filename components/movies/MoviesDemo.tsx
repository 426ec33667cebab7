"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FilmRef, ScoredFilm, SimilarResponse, TasteResponse } from "@/lib/movies/core/api-schema";
import { ApiResponseError } from "@/lib/api/client";
import { similarFilms, suggestionsOf, tasteRanking } from "./api";
import { clusterColour, clusterShade } from "./colours";
import { PosterMap } from "./PosterMap";
import { SearchBox } from "./SearchBox";
import { formatPageQuery, parsePageQuery, parseStoredTaste, TASTE_STORAGE_KEY } from "@/lib/movies/core/page-state";
import { displayTitleOf } from "@/lib/movies/core/text";
import { describeShared } from "@/lib/movies/core/similarity";

const yearOf = (f: FilmRef) => (f.year !== null ? ` (${f.year})` : "");

/** The movie recommender: search, the film card with similar films, the poster map and "your taste". */
export function MoviesDemo({ clusters }: { clusters: number }) {
  const [current, setCurrent] = useState<SimilarResponse | null>(null);
  const [others, setOthers] = useState<FilmRef[]>([]);
  const [error, setError] = useState("");
  const [loading, setLoading] = useState(false);
  const [liked, setLiked] = useState<FilmRef[]>([]);
  const [disliked, setDisliked] = useState<FilmRef[]>([]);
  const [taste, setTaste] = useState<TasteResponse | null>(null);
  const [tasteError, setTasteError] = useState("");
  const [showPosters, setShowPosters] = useState(false);
  const [brokenPosters, setBrokenPosters] = useState<ReadonlySet<string>>(new Set());
  const ticket = useRef(0);

  // What the address bar says: the film on show and the taste lists (replaced in place as they change).
  const shown = useRef<string | null>(null);
  const tasteRef = useRef<{ liked: string[]; disliked: string[] }>({ liked: [], disliked: [] });
  const writeUrl = useCallback((mode: "push" | "replace") => {
    const url = `${window.location.pathname}${formatPageQuery({ film: shown.current, ...tasteRef.current })}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === "push") window.history.pushState(window.history.state, "", url);
    else window.history.replaceState(window.history.state, "", url);
  }, []);

  /** Shows a film; `history`: a new entry (a pick), the current one (the address asked for it), or none (Back/Forward). */
  const select = useCallback(
    async (title: string, alternatives?: FilmRef[], history: "push" | "replace" | "none" = "push") => {
      const mine = ++ticket.current;
      setLoading(true);
      setError("");
      try {
        const answer = await similarFilms(title, 10);
        if (mine !== ticket.current) return;
        setCurrent(answer);
        setOthers(alternatives ?? []);
        shown.current = answer.movie.title;
        if (history !== "none") writeUrl(history);
      } catch (err) {
        if (mine !== ticket.current) return;
        setError(err instanceof ApiResponseError ? err.message : "Could not reach the server.");
        setOthers(suggestionsOf(err));
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [writeUrl],
  );

  // On arrival: the film and taste the address names (a shared link), else the stored taste.
  // Back/Forward: the film of that history entry.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const asked = parsePageQuery(window.location.search);
    const taste = asked.hasTaste ? asked : parseStoredTaste(window.localStorage.getItem(TASTE_STORAGE_KEY));
    const refs = (titles: string[]) => titles.map((title): FilmRef => ({ title, displayTitle: displayTitleOf(title), year: null }));
    /* eslint-disable react-hooks/set-state-in-effect -- state restored from the address and storage once, on arrival */
    setLiked(refs(taste.liked));
    setDisliked(refs(taste.disliked));
    setRestored(true);
    shown.current = asked.film;
    /* eslint-enable react-hooks/set-state-in-effect */
    // Titles alone do not say the year: ask for each film, and drop the ones the catalogue does not know.
    for (const title of [...taste.liked, ...taste.disliked]) {
      similarFilms(title, 1).then(
        ({ movie }) => {
          const fill = (list: FilmRef[]) => list.map((f) => (f.title === title ? { title: movie.title, displayTitle: movie.displayTitle, year: movie.year } : f));
          setLiked(fill);
          setDisliked(fill);
        },
        (err) => {
          if (!(err instanceof ApiResponseError) || err.status !== 404) return;
          setLiked((list) => list.filter((f) => f.title !== title));
          setDisliked((list) => list.filter((f) => f.title !== title));
        },
      );
    }
    if (asked.film) void select(asked.film, [], "replace");
    const onPop = () => {
      // Back/Forward moves between films only: the entry's address may hold an older taste, so write the current one back.
      const film = parsePageQuery(window.location.search).film;
      shown.current = film;
      writeUrl("replace");
      if (film) void select(film, [], "none");
      else {
        ticket.current++;
        shown.current = null;
        setCurrent(null);
        setOthers([]);
      }
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [select, writeUrl]);

  // Keep the taste lists in localStorage and in the address (shareable), once restored.
  useEffect(() => {
    if (!restored) return;
    tasteRef.current = { liked: liked.map((f) => f.title), disliked: disliked.map((f) => f.title) };
    window.localStorage.setItem(TASTE_STORAGE_KEY, JSON.stringify(tasteRef.current));
    writeUrl("replace");
  }, [liked, disliked, restored, writeUrl]);

  const onMapSelect = useCallback((title: string) => void select(title, []), [select]);

  // Ask for the taste ranking whenever the lists change (debounced).
  useEffect(() => {
    if (!liked.length) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- no likes: drop the previous ranking along with the request it came from
      setTaste(null);
      setTasteError("");
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const ranking = await tasteRanking({ liked: liked.map((f) => f.title), disliked: disliked.map((f) => f.title), k: 10 });
        if (cancelled) return;
        setTaste(ranking);
        setTasteError("");
      } catch (err) {
        if (!cancelled) setTasteError(err instanceof ApiResponseError ? err.message : "Could not reach the server.");
      }
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [liked, disliked]);

  const ref = (f: FilmRef): FilmRef => ({ title: f.title, displayTitle: f.displayTitle, year: f.year });
  const toggle = (film: FilmRef, list: "liked" | "disliked") => {
    const [mine, setMine, setOther] = list === "liked" ? [liked, setLiked, setDisliked] : [disliked, setDisliked, setLiked];
    if (mine.some((f) => f.title === film.title)) setMine(mine.filter((f) => f.title !== film.title));
    else if (mine.length < 50) {
      setMine([...mine, ref(film)]);
      setOther((other) => other.filter((f) => f.title !== film.title));
    }
  };
  const isLiked = (t: string) => liked.some((f) => f.title === t);
  const isDisliked = (t: string) => disliked.some((f) => f.title === t);
  const movie = current?.movie;
  const neighbours = useMemo(() => current?.similar.map((s) => s.title) ?? [], [current]);

  return (
    <div className="mv-demo">
      {/* The sticky map lives in its own block with the film card, so it can never slide over "Your taste" below. */}
      <div className="mv-top">
        <div className="mv-side">
          <SearchBox onPick={(film, alternatives) => void select(film.title, alternatives)} onNoMatch={() => setOthers([])} />
          {error && (
            <p className="error-box" data-testid="movie-error">
              {error}
            </p>
          )}
          {others.length > 0 && (
            <div className="mv-others" data-testid="movie-others">
              <span>{error ? "Did you mean:" : "Other matches:"}</span>
              {others.map((f) => (
                <button key={f.title} type="button" className="mv-chip" onClick={() => void select(f.title)}>
                  {f.displayTitle}
                  {yearOf(f)}
                </button>
              ))}
            </div>
          )}
          {movie && (
            <section className={`mv-card${loading ? " loading" : ""}`} data-testid="movie-card" data-title={movie.title} aria-live="polite">
              <div className="mv-card-head">
                {showPosters && movie.thumbnail && !brokenPosters.has(movie.title) ? (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img
                    className="mv-poster"
                    src={movie.thumbnail}
                    alt={`Poster of ${movie.displayTitle}`}
                    referrerPolicy="no-referrer"
                    onError={() => setBrokenPosters((b) => new Set([...b, movie.title]))}
                  />
                ) : (
                  <div
                    className="mv-poster drawn"
                    aria-hidden="true"
                    style={{ background: clusterShade(movie.cluster, clusters), borderTopColor: clusterColour(movie.cluster, clusters) }}
                  >
                    <span>{movie.displayTitle}</span>
                    <small>{movie.year ?? ""}</small>
                  </div>
                )}
                <div className="mv-card-facts">
                  <h2>
                    {movie.displayTitle}
                    {movie.year !== null && <span className="mv-year"> {movie.year}</span>}
                  </h2>
                  {movie.genres.length > 0 && <p className="mv-genres">{movie.genres.map((g) => g.replace(/ \(.*\)$/, "").replace(/ film$/, "")).join(" · ")}</p>}
                  <p className="mv-wiki">
                    <a href={`https://en.wikipedia.org/wiki/${encodeURIComponent(movie.title.replace(/ /g, "_"))}`} rel="noreferrer" target="_blank">
                      Wikipedia article
                    </a>
                  </p>
                  <div className="mv-taste-buttons">
                    <button type="button" data-testid="like" aria-pressed={isLiked(movie.title)} onClick={() => toggle(movie, "liked")}>
                      {isLiked(movie.title) ? "✓ Liked" : "Like"}
                    </button>
                    <button type="button" data-testid="dislike" aria-pressed={isDisliked(movie.title)} onClick={() => toggle(movie, "disliked")}>
                      {isDisliked(movie.title) ? "✓ Disliked" : "Dislike"}
                    </button>
                  </div>
                </div>
              </div>
              <h3>Most similar films</h3>
              <ScoredList films={current.similar} testId="similar-list" onPick={(t) => void select(t, [])} />
            </section>
          )}
          {!movie && !error && <p className="mv-hint">Search for a film, or click a poster on the map.</p>}
        </div>

        <div className="mv-main">
          <PosterMap showPosters={showPosters} selected={movie?.title ?? null} neighbours={neighbours} onSelect={onMapSelect} />
          <label className="mv-posters-toggle">
            <input type="checkbox" data-testid="show-posters" checked={showPosters} onChange={(e) => setShowPosters(e.target.checked)} /> Show poster images from
            Wikimedia (loads images from upload.wikimedia.org)
          </label>
        </div>
      </div>

      <section className="mv-taste" data-testid="taste" aria-labelledby="mv-taste-title">
        <h2 id="mv-taste-title">Your taste</h2>
        <p className="mv-hint">
          Like or dislike films on their card. A logistic regression on the film vectors learns what the liked films share
          (with nothing disliked, 100 random films stand in as mild dislikes) and ranks all 20,000 films.
        </p>
        <div className="mv-taste-lists">
          <TasteList title="Liked" films={liked} testId="liked-list" onRemove={(f) => toggle(f, "liked")} onPick={(t) => void select(t, [])} />
          <TasteList title="Disliked" films={disliked} testId="disliked-list" onRemove={(f) => toggle(f, "disliked")} onPick={(t) => void select(t, [])} />
        </div>
        {tasteError && <p className="error-box">{tasteError}</p>}
        {taste && (
          <div className="mv-taste-lists">
            <div>
              <h3>Best picks for you</h3>
              <ScoredList films={taste.best} testId="taste-best" onPick={(t) => void select(t, [])} percent />
            </div>
            <div>
              <h3>Worst picks for you</h3>
              <ScoredList films={taste.worst} testId="taste-worst" onPick={(t) => void select(t, [])} percent />
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

function ScoredList({ films, testId, onPick, percent }: { films: ScoredFilm[]; testId: string; onPick: (title: string) => void; percent?: boolean }) {
  return (
    <ol className="mv-scored" data-testid={testId}>
      {films.map((f) => (
        <li key={f.title} data-title={f.title}>
          <button type="button" className="mv-link" onClick={() => onPick(f.title)} title={f.title}>
            {f.displayTitle}
            <span className="mv-year">{yearOf(f)}</span>
          </button>
          <span className="mv-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0, Math.min(1, f.score)) * 100}%` }} />
          </span>
          <span className="mv-score">{percent ? `${Math.round(f.score * 100)}%` : f.score.toFixed(2)}</span>
          {f.shared && f.shared.length > 0 && (
            <small className="mv-why" data-testid="similar-why" title={f.shared.map((l) => `${l.name} (${l.kind.replace(/_/g, " ")})`).join(", ")}>
              {describeShared(f.shared)}
            </small>
          )}
        </li>
      ))}
    </ol>
  );
}

function TasteList({ title, films, testId, onRemove, onPick }: { title: string; films: FilmRef[]; testId: string; onRemove: (f: FilmRef) => void; onPick: (t: string) => void }) {
  return (
    <div>
      <h3>
        {title} <small>({films.length})</small>
      </h3>
      {films.length === 0 ? (
        <p className="mv-hint">None yet.</p>
      ) : (
        <ul className="mv-chips" data-testid={testId}>
          {films.map((f) => (
            <li key={f.title} className="mv-chip">
              <button type="button" className="mv-link" onClick={() => onPick(f.title)}>
                {f.displayTitle}
                {yearOf(f)}
              </button>
              <button type="button" className="mv-remove" aria-label={`Remove ${f.displayTitle}`} onClick={() => onRemove(f)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
