// The step every source ends with: drop rare links and thin films, rank films
// by popularity and links by use, and number the pairs. Pure.

import { LINK_KINDS, type Film, type Link, type LinkData, type LinkKind, type RawFilm } from "../../core/types";
import type { BuildOptions, BuildStats } from "./types";

/** A link to a source work ("based on") or to another film of a series / remake family counts from 2 films on. */
export const DEFAULT_MIN_FILMS_BY_KIND: Partial<Record<LinkKind, number>> = { based_on: 2, series: 2 };

/** The kind seen most often (ties: the earlier kind in LINK_KINDS). */
export function mainKind(kinds: ReadonlyMap<LinkKind, number>): LinkKind {
  let best: LinkKind = "link";
  let bestCount = -1;
  for (const kind of LINK_KINDS) {
    const count = kinds.get(kind) ?? 0;
    if (count > bestCount) {
      best = kind;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Keeps links that >= minFilmsPerLink films have and films with >= minLinksPerFilm
 * of them (repeated until stable, at most 5 rounds), ranks films by popularity (best known first)
 * and links by how many films have them.
 */
export function finishLinkData(
  raw: readonly RawFilm[],
  options: BuildOptions,
  popularityBonus: ReadonlyMap<string, number>,
): { data: LinkData; stats: BuildStats } {
  const minFilms = options.minFilmsPerLink ?? 3;
  const minLinks = options.minLinksPerFilm ?? 5;
  const minByKind: Partial<Record<LinkKind, number>> = options.minFilmsByKind ?? DEFAULT_MIN_FILMS_BY_KIND;
  const minFor = (kind: LinkKind) => Math.min(minFilms, minByKind[kind] ?? minFilms);
  let films = raw.slice();
  let keep = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const counts = new Map<string, { n: number; kinds: Map<LinkKind, number> }>();
    for (const f of films) {
      for (const [name, kind] of f.links) {
        let e = counts.get(name);
        if (!e) counts.set(name, (e = { n: 0, kinds: new Map() }));
        e.n++;
        e.kinds.set(kind, (e.kinds.get(kind) ?? 0) + 1);
      }
    }
    keep = new Set([...counts].filter(([, e]) => e.n >= minFor(mainKind(e.kinds))).map(([name]) => name));
    const before = films.length;
    films = films.filter((f) => {
      let n = 0;
      for (const name of f.links.keys()) if (keep.has(name)) n++;
      return n >= minLinks;
    });
    if (films.length === before) break;
  }
  const linkCount = (f: RawFilm) => {
    let n = 0;
    for (const name of f.links.keys()) if (keep.has(name)) n++;
    return n;
  };
  const popularity = new Map<RawFilm, number>();
  for (const f of films) {
    const score = linkCount(f) + (popularityBonus.get(f.title) ?? 0) + Math.log2(1 + f.extractLength);
    popularity.set(f, Math.round(score * 10) / 10);
  }
  films.sort((a, b) => popularity.get(b)! - popularity.get(a)! || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  if (options.maxFilms !== undefined && films.length > options.maxFilms) films = films.slice(0, options.maxFilms);

  // Links: counted over the kept films, those still used by >= minFilms, most used first.
  const counts = new Map<string, { films: number; kinds: Map<LinkKind, number> }>();
  for (const f of films) {
    for (const [name, kind] of f.links) {
      if (!keep.has(name)) continue;
      let entry = counts.get(name);
      if (!entry) counts.set(name, (entry = { films: 0, kinds: new Map() }));
      entry.films++;
      entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
    }
  }
  const links: Link[] = [...counts]
    .filter(([, e]) => e.films >= minFor(mainKind(e.kinds)))
    .map(([name, e]) => ({ name, kind: mainKind(e.kinds), films: e.films }))
    .sort((a, b) => b.films - a.films || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const linkId = new Map(links.map((l, i) => [l.name, i]));
  const outFilms: Film[] = [];
  const filmLinks: Int32Array[] = [];
  const pairsPerKind: Record<string, number> = {};
  for (const f of films) {
    const ids: number[] = [];
    for (const [name, kind] of f.links) {
      const id = linkId.get(name);
      if (id === undefined) continue;
      ids.push(id);
      pairsPerKind[kind] = (pairsPerKind[kind] ?? 0) + 1;
    }
    ids.sort((a, b) => a - b);
    filmLinks.push(Int32Array.from(ids));
    outFilms.push({
      title: f.title,
      displayTitle: f.displayTitle,
      year: f.year,
      genres: f.genres,
      thumbnail: f.thumbnail,
      popularity: popularity.get(f)!,
    });
  }
  const linksPerKind: Record<string, number> = {};
  for (const l of links) linksPerKind[l.kind] = (linksPerKind[l.kind] ?? 0) + 1;
  const pairs = filmLinks.reduce((s, a) => s + a.length, 0);
  return {
    data: { films: outFilms, links, filmLinks },
    stats: {
      sourceEntries: raw.length,
      dropped: {},
      joined2016: 0,
      joinedDbpedia: 0,
      candidateFilms: raw.length,
      films: outFilms.length,
      links: links.length,
      pairs,
      pairsPerKind,
      linksPerKind,
    },
  };
}
