// Link overlap a film fan would agree with (#9): two films are near when they share the
// links that say most about a film - its series, the story it adapts, its director, writer
// and stars - and rare ones (a cult director) more than common ones (a genre, a big studio).
// A link's weight = kind weight x IDF (cast: flat, see CAST_IDF); two films' overlap is the
// weight they share over the chosen film's (LENGTH_PIVOT: not divided by the other's length). Pure logic: bench/movies-similarity.ts compares it with the embedding and
// plain Jaccard, and the server re-ranks the embedding's nearest films by a blend of both.
import type { Link, LinkKind } from "./types";

/**
 * How much a shared link of each kind says, set from what a film fan looks at; only cast
 * (1.2 -> 1.3, with CAST_IDF) was chosen on the DEV groups and DEV stars of bench/movies-similarity.
 */
export const KIND_WEIGHTS: Record<LinkKind, number> = {
  series: 2,
  based_on: 1.5,
  director: 1.5,
  writer: 1.2,
  cast: 1.3,
  producer: 1,
  composer: 1,
  cinematographer: 1,
  editor: 1,
  mention: 1,
  link: 1,
  genre: 0.5,
  studio: 0.5,
  award: 0.25,
  format: 0.25,
};

/** A link used by this many films keeps its IDF whatever the `idfPower` of its kind. */
export const IDF_PIVOT_FILMS = 20;

/**
 * Per link: kind weight (`kindWeights`; null = 1 for all) x IDF, IDF = log(films / films with
 * the link). With an `idfPower` p for a kind, its IDF is flattened around a link of
 * `IDF_PIVOT_FILMS` films: pivot x (IDF / pivot)^p (p = 1: plain IDF, p = 0: the same for all).
 */
export function linkWeights(
  links: readonly Link[],
  filmCount: number,
  options: { kindWeights?: Record<LinkKind, number> | null; idfPower?: Partial<Record<LinkKind, number>> } = {},
): Float64Array {
  const kinds = options.kindWeights === undefined ? KIND_WEIGHTS : options.kindWeights;
  const pivot = Math.log(filmCount / IDF_PIVOT_FILMS);
  return Float64Array.from(links, (l) => {
    const idf = Math.log(filmCount / Math.max(1, l.films));
    const p = options.idfPower?.[l.kind] ?? 1;
    return (kinds ? kinds[l.kind] : 1) * (p === 1 ? idf : pivot * Math.max(0, idf / pivot) ** p);
  });
}

/**
 * IDF powers per kind for the page: cast links all weigh the same. With plain IDF a co-star
 * of 3 films (a bit part) outweighs a lead of 70 ("The Great Santini" found films sharing
 * Michael O'Keefe, not Robert Duvall), so a star's films fell below plain Jaccard; the data
 * has no billing order to tell leads from bit parts otherwise.
 */
export const CAST_IDF: Partial<Record<LinkKind, number>> = { cast: 0 };

/**
 * How much the other film's link-vector length divides the overlap: 1 = cosine, 0 = the
 * share of the chosen film's weighted links the other has (BM25's b; 0.5 and 0.25 were
 * between them on the DEV groups, 0 best).
 */
export const LENGTH_PIVOT = 0;

/** Per film, the length of its weighted link vector (for the cosine). */
export function filmNorms(filmLinks: readonly Int32Array[], weights: Float64Array): Float64Array {
  return Float64Array.from(filmLinks, (ids) => {
    let s = 0;
    for (const l of ids) s += weights[l] * weights[l];
    return Math.sqrt(s);
  });
}

/** Cosine of two films' weighted link sets (ascending link ids); `shared` collects the shared link ids if given. */
export function weightedOverlap(a: Int32Array, b: Int32Array, weights: Float64Array, normA: number, normB: number, shared?: number[]): number {
  let i = 0,
    j = 0,
    s = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      s += weights[a[i]] * weights[a[i]];
      shared?.push(a[i]);
      i++;
      j++;
    }
  }
  return normA > 0 && normB > 0 ? s / (normA * normB) : 0;
}

/** The page's link overlap of film b with the chosen film a: weightedOverlap with the other film's length divided in by `pivot`. */
export function linkOverlap(a: Int32Array, b: Int32Array, weights: Float64Array, normA: number, normB: number, pivot = LENGTH_PIVOT, shared?: number[]): number {
  return weightedOverlap(a, b, weights, normA, normA ** (1 - pivot) * normB ** pivot, shared);
}

/** Jaccard of two ascending link-id sets: the plain overlap baseline. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0,
    j = 0,
    both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      both++;
      i++;
      j++;
    }
  }
  const union = a.length + b.length - both;
  return union ? both / union : 0;
}

/** Share of the embedding's cosine in the re-ranking score (the rest: weighted link overlap). */
export const BLEND_COSINE = 0.3;
/** How many of the embedding's nearest films are re-ranked. */
export const RERANK_POOL = 200;

/** Re-ranking score of a candidate: the embedding's cosine blended with the weighted link overlap. */
export function blendedScore(cosine: number, overlap: number, cosineShare = BLEND_COSINE): number {
  return cosineShare * cosine + (1 - cosineShare) * overlap;
}

const KIND_PHRASES: Partial<Record<string, [one: string, many: string]>> = {
  series: ["same series", "same series"],
  based_on: ["both from", "both from"],
  director: ["director", "directors"],
  writer: ["writer", "writers"],
  cast: ["star", "stars"],
  producer: ["producer", "producers"],
  composer: ["music by", "music by"],
  cinematographer: ["shot by", "shot by"],
  editor: ["edited by", "edited by"],
  studio: ["studio", "studios"],
  genre: ["genre", "genres"],
};

/**
 * Why two films are near, in a fan's words, from their shared links (most telling first):
 * "same series (Alien) · director Ridley Scott · 2 stars: Sigourney Weaver, Ian Holm".
 * At most `parts` kinds; names per kind at most two, then "+n".
 */
export function describeShared(shared: readonly { name: string; kind: string }[], parts = 3): string {
  const byKind = new Map<string, string[]>();
  for (const { name, kind } of shared) {
    const names = byKind.get(kind) ?? [];
    names.push(name.replace(/ \((?:film|actor|actress|director|filmmaker|writer|composer|musician|producer|[^)]* film)\)$/, "").replace(/ film$/, ""));
    byKind.set(kind, names);
  }
  return [...byKind.entries()]
    .slice(0, parts)
    .map(([kind, names]) => {
      const [one, many] = KIND_PHRASES[kind] ?? [kind.replace(/_/g, " "), kind.replace(/_/g, " ")];
      const listed = names.slice(0, 2).join(", ") + (names.length > 2 ? ` +${names.length - 2}` : "");
      if (kind === "series") return `${one} (${listed})`;
      return names.length > 1 && kind === "cast" ? `${names.length} ${many}: ${listed}` : `${names.length > 1 ? many : one} ${listed}`;
    })
    .join(" · ");
}
