// Films and their links from the prust film lists (2023 with lead paragraphs,
// 2016 with directors and notes) and DBpedia infobox edges. Pure: inputs are parsed JSON.

import { cleanName } from "../../core/text";
import type { LinkData, LinkKind, RawFilm } from "../../core/types";
import { genreTitles } from "../genres";
import { studioTitle } from "../studios";
import { DBPEDIA_KINDS, addLink, type Candidate } from "./candidate";
import { collectCandidates, indexCandidates, join2016, joinDbpedia } from "./candidates";
import { finishLinkData, mainKind } from "./finish";
import { addMentions } from "./mentions";
import { addNoteLinks } from "./notes";
import { PersonNames, teamMembers } from "./people";
import { addRelation, linkRemakeFamilies, linkSeries, newFilmRelations, type FilmRelations } from "./relations";
import type { BuildOptions, BuildStats, DbpediaEdge, Prust2016Entry, Prust2023Entry } from "./types";

/** Films and their links from the prust lists and DBpedia edges. */
export function buildFromPrust(
  entries2023: readonly Prust2023Entry[],
  entries2016: readonly Prust2016Entry[],
  dbpedia: readonly DbpediaEdge[],
  options: BuildOptions = {},
): { data: LinkData; stats: BuildStats } {
  // 1-3. One candidate per article, joined with the 2016 list and DBpedia.
  const { candidates, dropped } = collectCandidates(entries2023);
  const index = indexCandidates(candidates);
  const joined2016 = join2016(index, entries2016);
  const joinedDbpedia = joinDbpedia(candidates, index, dbpedia);

  // 4. Every person name seen, to pick one spelling per person.
  const people = seePeople(candidates);

  // 5. Links from lists, notes, DBpedia and lead facts.
  const relations = newFilmRelations(index);
  for (const c of candidates) addSourceLinks(c, people, relations);

  // 6. A series' films all link to each other (as the series navbox on each article does);
  // so do the films of one remake family (each article names the other versions).
  linkSeries(candidates, index, relations.seriesPairs);
  linkRemakeFamilies(candidates, relations.remakePairs);

  // 7. Names the lead paragraphs mention that recur across films.
  addMentions(candidates, people);

  const raw: RawFilm[] = candidates.map((c) => {
    const links = new Map<string, LinkKind>();
    for (const [name, kinds] of c.links) links.set(name, mainKind(kinds));
    return {
      title: c.title,
      displayTitle: c.displayTitle,
      year: c.year,
      genres: [...new Set(c.genreLabels.flatMap(genreTitles))],
      thumbnail: c.thumbnail,
      extractLength: c.extract.length,
      links,
    };
  });
  // Popularity bonus: 3 per film whose relation names this one, 10 if DBpedia (MovieLens) has it.
  const bonus = new Map<string, number>();
  for (const c of candidates) bonus.set(c.title, 3 * (relations.incoming.get(c) ?? 0) + (c.dbpedia.length > 0 ? 10 : 0));
  const { data, stats } = finishLinkData(raw, options, bonus);
  return {
    data,
    stats: { ...stats, sourceEntries: entries2023.length, dropped, joined2016, joinedDbpedia, candidateFilms: candidates.length },
  };
}

/** The person names of all sources: cast and director lists, lead paragraphs, DBpedia titles. */
function seePeople(candidates: readonly Candidate[]): PersonNames {
  const people = new PersonNames();
  for (const c of candidates) {
    for (const name of c.cast) people.see(name);
    for (const name of c.directors) people.see(name);
    for (const p of c.lead.people) people.see(cleanName(p.name));
    for (const e of c.dbpedia) {
      const kind = DBPEDIA_KINDS.get(e.property);
      if (kind && kind !== "studio") people.seeDbpedia(kind, e.object);
    }
  }
  return people;
}

/** Film `c`'s links from its genre labels, cast and director lists, 2016 notes, DBpedia edges and lead facts. */
function addSourceLinks(c: Candidate, people: PersonNames, relations: FilmRelations): void {
  const links = c.links;
  for (const label of c.genreLabels) for (const g of genreTitles(label)) addLink(links, g, "genre");
  for (const name of c.cast) addLink(links, people.title(name, "cast"), "cast");
  for (const director of c.directors) {
    for (const name of teamMembers(director)) addLink(links, people.title(name, "director"), "director");
  }
  for (const note of c.notes) addNoteLinks(note, c, people, relations);
  for (const e of c.dbpedia) {
    const kind = DBPEDIA_KINDS.get(e.property);
    if (!kind) continue;
    addLink(links, kind === "studio" ? studioTitle(e.object, c.year) : e.object, kind);
  }
  const lead = c.lead;
  for (const p of lead.people) {
    for (const member of teamMembers(cleanName(p.name))) addLink(links, people.title(member, p.kind), p.kind);
  }
  for (const company of lead.companies) addLink(links, studioTitle(company, c.year), "studio");
  for (const work of lead.works) addLink(links, work, "based_on");
  for (const franchise of lead.franchises) addLink(links, franchise, "series");
  for (const r of lead.relations) addRelation(c, r, relations);
}
