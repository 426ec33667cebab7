// The candidate films of a prust build: one per film article of the 2023
// lists, joined with the 2016 list and with DBpedia's edges. Pure.

import { cleanName, displayTitleOf, looksLikeName, titleKey, wikiTitle } from "../../core/text";
import { parseLead } from "../lead";
import type { Candidate } from "./candidate";
import { splitPeople } from "./people";
import type { DbpediaEdge, Prust2016Entry, Prust2023Entry } from "./types";

const FILM_WORDS = /\b(?:films?|movies?|motion pictures?|pictures?|serials?|documentar(?:y|ies)|cartoons?|short subjects?|featurettes?|photoplays?|anime|animated|silent|shorts?)\b/i;
const GENRE_WORDS = /\bis an? (?:\d{4} )?(?:[\p{L}-]+ ){0,4}(?:drama|comedy|western|thriller|musical|melodrama|romance|horror|mystery|adventure|documentary)\b/iu;

function firstSentence(text: string): string {
  const m = /^.*?[a-z)\]"]{2}[.!?](?=\s+\p{Lu}|$)/u.exec(text);
  return m ? m[0] : text;
}

/** Is this lead paragraph about a film (not a TV series, a song, a sculpture)? */
export function isFilmLead(extract: string): boolean {
  const first = firstSentence(extract);
  if (/\b(?:television|tv) (?:series|program|programme|show|sitcom)\b/i.test(first) && !/\bfilm\b/i.test(first)) return false;
  return FILM_WORDS.test(first) || GENRE_WORDS.test(first);
}

/** Year stated in "X is a 1979 film" (the article's own), or null. */
function leadYear(extract: string): number | null {
  const m = /\b(1[89]\d\d|20\d\d)\b/.exec(firstSentence(extract));
  return m ? Number(m[1]) : null;
}

/**
 * One candidate per article, sorted by title; a duplicated href keeps the entry
 * whose year the lead confirms. `dropped` counts the entries left out, by reason.
 */
export function collectCandidates(entries2023: readonly Prust2023Entry[]): { candidates: Candidate[]; dropped: Record<string, number> } {
  const dropped: Record<string, number> = { noHref: 0, sectionHref: 0, noExtract: 0, notAFilm: 0, duplicateHref: 0 };
  const byTitle = new Map<string, { entry: Prust2023Entry; score: number }>();
  for (const entry of entries2023) {
    if (!entry.href) {
      dropped.noHref++;
      continue;
    }
    if (entry.href.includes("#")) {
      dropped.sectionHref++;
      continue;
    }
    if (!entry.extract || entry.extract.length < 20) {
      dropped.noExtract++;
      continue;
    }
    if (!isFilmLead(entry.extract)) {
      dropped.notAFilm++;
      continue;
    }
    const title = wikiTitle(entry.href);
    const stated = leadYear(entry.extract);
    const score = (stated !== null && Math.abs(stated - entry.year) <= 1 ? 1000 : 0) + (entry.cast?.length ?? 0) + (entry.genres?.length ?? 0);
    const old = byTitle.get(title);
    if (old) {
      dropped.duplicateHref++;
      if (score <= old.score) continue;
    }
    byTitle.set(title, { entry, score });
  }
  const candidates: Candidate[] = [];
  for (const [title, { entry }] of byTitle) {
    const displayTitle = displayTitleOf(title);
    const extract = entry.extract!;
    candidates.push({
      title,
      displayTitle,
      year: Number.isFinite(entry.year) ? entry.year : null,
      genreLabels: [...(entry.genres ?? [])],
      cast: (entry.cast ?? []).map(cleanName).filter(looksLikeName),
      extract,
      thumbnail: entry.thumbnail ?? null,
      directors: [],
      notes: [],
      dbpedia: [],
      lead: parseLead(extract, displayTitle),
      links: new Map(),
    });
  }
  candidates.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  return { candidates, dropped };
}

/** Candidates by titleKey of their display title, and by "key|year"; each list in candidate order. */
export interface CandidateIndex {
  byKey: Map<string, Candidate[]>;
  byKeyYear: Map<string, Candidate[]>;
}

export function indexCandidates(candidates: readonly Candidate[]): CandidateIndex {
  const byKey = new Map<string, Candidate[]>();
  const byKeyYear = new Map<string, Candidate[]>();
  const push = (map: Map<string, Candidate[]>, key: string, c: Candidate) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of candidates) {
    const key = titleKey(c.displayTitle);
    push(byKeyYear, `${key}|${c.year}`, c);
    push(byKey, key, c);
  }
  return { byKey, byKeyYear };
}

/**
 * Joins the 2016 list on (normalised title, year), allowing a year off by one:
 * directors, cast where the 2023 list has none, genres and notes. Returns the number joined.
 */
export function join2016(index: CandidateIndex, entries2016: readonly Prust2016Entry[]): number {
  let joined = 0;
  for (const entry of entries2016) {
    // "Avengers, The Avengers" -> "The Avengers"; "Graduate, The" -> "The Graduate".
    const raw = entry.title.replace(/^(.+), (The|A|An)$/, "$2 $1");
    const key = titleKey(raw.includes(", The ") ? raw.split(", ").pop()! : raw);
    const hit =
      index.byKeyYear.get(`${key}|${entry.year}`) ?? index.byKeyYear.get(`${key}|${entry.year - 1}`) ?? index.byKeyYear.get(`${key}|${entry.year + 1}`);
    if (!hit || hit.length !== 1) continue;
    const film = hit[0];
    if (film.directors.length) continue;
    joined++;
    film.directors = splitPeople(entry.director);
    if (film.cast.length === 0) film.cast = splitPeople(entry.cast);
    film.genreLabels.push(...(entry.genre ?? []));
    film.notes = (entry.notes ?? []).filter(Boolean);
  }
  return joined;
}

/**
 * Gives each DBpedia edge to its film: the exact article title, else the one candidate
 * of that title (and year, if the title names one). Returns the number of films joined.
 */
export function joinDbpedia(candidates: readonly Candidate[], index: CandidateIndex, dbpedia: readonly DbpediaEdge[]): number {
  const byArticle = new Map(candidates.map((c) => [c.title, c]));
  const dbFilms = new Map<string, Candidate | null>();
  let joined = 0;
  for (const edge of dbpedia) {
    let film = dbFilms.get(edge.film);
    if (film === undefined) {
      film = byArticle.get(edge.film) ?? null;
      if (!film) {
        const year = /\((\d{4})(?: [\p{L} ]+)? film\)$/u.exec(edge.film);
        const key = titleKey(displayTitleOf(edge.film).replace(/\s*\([^)]*\)$/, ""));
        const list = (year ? index.byKeyYear.get(`${key}|${year[1]}`) : index.byKey.get(key)) ?? [];
        film = list.length === 1 ? list[0] : null;
      }
      dbFilms.set(edge.film, film);
      if (film) joined++;
    }
    film?.dbpedia.push(edge);
  }
  return joined;
}
