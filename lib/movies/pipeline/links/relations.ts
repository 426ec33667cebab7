// "Sequel to X", "a remake of the 1933 film": a film's relations to other
// films, resolved to candidates, and the series and remake families they
// form. Pure: what one build finds is kept in its own FilmRelations.

import { titleKey } from "../../core/text";
import type { LeadRelation } from "../lead";
import { addLink, type Candidate } from "./candidate";
import type { CandidateIndex } from "./candidates";

/** The film a relation names, or null: `title` (and `year`, if given) as seen from film `self`. */
export type FilmResolver = (title: string, year: number | null, relation: LeadRelation["relation"], self: Candidate) => Candidate | null;

/** The relations one build has found so far. */
export interface FilmRelations {
  resolve: FilmResolver;
  /** Sequel, prequel, spin-off and follow-up pairs: they form the series. */
  seriesPairs: [Candidate, Candidate][];
  /** Remake pairs: they form the remake families. */
  remakePairs: [Candidate, Candidate][];
  /** How often another film's relation names each film (a popularity hint). */
  incoming: Map<Candidate, number>;
}

export function newFilmRelations(index: CandidateIndex): FilmRelations {
  const resolve: FilmResolver = (title, year, relation, self) => {
    const list = (index.byKey.get(titleKey(title)) ?? []).filter((f) => f !== self);
    if (list.length === 0) return null;
    if (year !== null) {
      const exact = list.filter((f) => f.year !== null && Math.abs(f.year - year) <= 1);
      return exact.length >= 1 ? exact[0] : null;
    }
    if (list.length === 1) return list[0];
    if (relation === "prequel") {
      // This film is the prequel: the other one is the first later film of that name.
      const later = list.filter((f) => f.year !== null && self.year !== null && f.year >= self.year).sort((a, b) => a.year! - b.year!);
      return later.length ? later[0] : null;
    }
    // Several films of that name: a sequel follows the latest earlier one, a remake the earliest.
    const earlier = list.filter((f) => f.year !== null && self.year !== null && f.year <= self.year).sort((a, b) => a.year! - b.year!);
    if (earlier.length === 0) return null;
    return relation === "remake" ? earlier[0] : earlier[earlier.length - 1];
  };
  return { resolve, seriesPairs: [], remakePairs: [], incoming: new Map() };
}

/**
 * "sequel to X": film `c` links to X and (as X's infobox "followed by" does) X links
 * back; the pair is recorded in `found`. An X that is no candidate is linked by name.
 */
export function addRelation(c: Candidate, { title, year, relation }: LeadRelation, found: FilmRelations): void {
  const target = found.resolve(title, year, relation, c);
  if (target) {
    (relation === "remake" ? found.remakePairs : found.seriesPairs).push([c, target]);
    addLink(c.links, target.title, "series");
    addLink(target.links, c.title, "series");
    found.incoming.set(target, (found.incoming.get(target) ?? 0) + 1);
  } else if (titleKey(title) !== titleKey(c.displayTitle)) {
    addLink(c.links, title, "series");
  }
}

/** The films joined by `pairs` (union-find), each group in `candidates` order; films in no pair are left out. */
function connectedGroups(candidates: readonly Candidate[], pairs: readonly [Candidate, Candidate][]): Candidate[][] {
  const parent = new Map<Candidate, Candidate>();
  const find = (c: Candidate): Candidate => {
    let root = c;
    while (parent.get(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(c, root);
    return root;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<Candidate, Candidate[]>();
  for (const c of candidates) {
    if (!parent.has(c)) continue;
    const root = find(c);
    const list = groups.get(root);
    if (list) list.push(c);
    else groups.set(root, [c]);
  }
  return [...groups.values()];
}

/**
 * Films joined by sequel/prequel relations form a series; every film of a
 * series (up to 40 films) links to every other one, as the series navbox at
 * the foot of each Wikipedia article does.
 */
export function linkSeries(candidates: readonly Candidate[], index: CandidateIndex, seriesPairs: readonly [Candidate, Candidate][]): void {
  for (const members of connectedGroups(candidates, seriesPairs)) {
    if (members.length < 2 || members.length > 40) continue;
    for (const a of members) for (const b of members) if (a !== b) addLink(a.links, b.title, "series");
  }
  // A franchise named after its first film ("the second film in the Alien franchise"):
  // the first film links to the franchise too, as its article's navbox does.
  const users = new Map<string, number>();
  for (const c of candidates) for (const [name, kinds] of c.links) if (kinds.has("series")) users.set(name, (users.get(name) ?? 0) + 1);
  const articleTitles = new Set(candidates.map((c) => c.title));
  for (const [name, count] of users) {
    if (count < 2 || articleTitles.has(name)) continue;
    const films = (index.byKey.get(titleKey(name)) ?? []).filter((f) => f.year !== null).sort((a, b) => a.year! - b.year!);
    if (films.length && !films[0].links.has(name)) addLink(films[0].links, name, "series");
  }
}

/**
 * Films joined by remake relations form a family (2 to 20 films); every version
 * links to every other one, as each article names the other versions.
 */
export function linkRemakeFamilies(candidates: readonly Candidate[], remakePairs: readonly [Candidate, Candidate][]): void {
  const families = connectedGroups(candidates, remakePairs).filter((m) => m.length >= 2 && m.length <= 20);
  for (const members of families) {
    for (const a of members) for (const b of members) if (a !== b) addLink(a.links, b.title, "series");
    // The story every version tells, named by the first version's title (as "Little Women"
    // names the novel all its films adapt): shared by all members, the original too.
    const first = members.filter((m) => m.year !== null).sort((a, b) => a.year! - b.year!)[0] ?? members[0];
    for (const m of members) addLink(m.links, first.displayTitle, "based_on");
  }
}
