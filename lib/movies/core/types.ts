// Shared types of the movie recommender: films, their outgoing links, and the
// compact files under data/movies/.

/** How a film-link pair was derived (see data/movies/README.md). */
export const LINK_KINDS = [
  "cast",
  "director",
  "writer",
  "producer",
  "composer",
  "cinematographer",
  "editor",
  "studio",
  "genre",
  "based_on",
  "series",
  "mention",
  "award",
  "format",
  "link",
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A film as the page and API need it. */
export interface Film {
  /** Wikipedia article title, e.g. "Alien (film)": the film's id. */
  title: string;
  /** Title shown to people, e.g. "Alien". */
  displayTitle: string;
  year: number | null;
  genres: string[];
  /** Poster/thumbnail URL on upload.wikimedia.org (shown when online), or null. */
  thumbnail: string | null;
  /** "Best known first" score for autocomplete (higher = better known). */
  popularity: number;
}

export interface Link {
  /** Wikipedia article title the link points to, e.g. "Ridley Scott". */
  name: string;
  /** The kind most of its pairs have. */
  kind: LinkKind;
  /** Number of films that have the link. */
  films: number;
}

/** Films, links, and per film the sorted ids of its links. */
export interface LinkData {
  films: Film[];
  links: Link[];
  /** filmLinks[f] = ascending link ids of film f. */
  filmLinks: Int32Array[];
}

/** One film from a source before links are counted; `links`: link name -> the kind it was seen as most. */
export interface RawFilm {
  title: string;
  displayTitle: string;
  year: number | null;
  genres: string[];
  thumbnail: string | null;
  /** Text length of the lead paragraph (a popularity hint), 0 if unknown. */
  extractLength: number;
  links: Map<string, LinkKind>;
}

/** A line of the original NDJSON: [title, {infobox props}, [outgoing link titles], "84%", "6.9/10"]. */
export type OriginalFilmLine = [string, Record<string, string>, string[], string | null, string | null];
