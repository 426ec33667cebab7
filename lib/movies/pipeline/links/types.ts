// Inputs, options and statistics of a link build.

import type { LinkKind } from "../../core/types";

/** An entry of a prust-2023 list: an article with its lead paragraph. */
export interface Prust2023Entry {
  title: string;
  year: number;
  cast?: string[];
  genres?: string[];
  href?: string;
  extract?: string;
  thumbnail?: string;
}

/** An entry of the prust-2016 list: directors and notes. */
export interface Prust2016Entry {
  title: string;
  year: number;
  director?: string[];
  cast?: string[];
  genre?: string[];
  notes?: string[];
}

/** One DBpedia infobox edge: property (file name), film and object as Wikipedia titles. */
export interface DbpediaEdge {
  property: string;
  film: string;
  object: string;
}

export interface BuildOptions {
  /** Keep links that at least this many films have (default 3). */
  minFilmsPerLink?: number;
  /**
   * Lower minimums for some kinds (default DEFAULT_MIN_FILMS_BY_KIND: a source work or
   * a film of a series / remake family that 2 films link to is kept).
   */
  minFilmsByKind?: Partial<Record<LinkKind, number>>;
  /** Keep films with at least this many kept links (default 5). */
  minLinksPerFilm?: number;
  /** Keep at most this many films, the best known first (default: all). */
  maxFilms?: number;
}

export interface BuildStats {
  sourceEntries: number;
  dropped: Record<string, number>;
  joined2016: number;
  joinedDbpedia: number;
  candidateFilms: number;
  films: number;
  links: number;
  pairs: number;
  pairsPerKind: Record<string, number>;
  linksPerKind: Record<string, number>;
}
