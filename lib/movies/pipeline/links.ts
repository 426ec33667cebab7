// Builds each film's set of outgoing links (as Wikipedia article titles) from
// the sources we really have: the prust film lists (2023 with lead paragraphs,
// 2016 with directors and notes), DBpedia infobox edges, or the original
// NDJSON lines extracted from a Wikipedia dump. Pure: inputs are parsed JSON.

import { genreTitles } from "./genres";
import { isCompanyName, mentionCandidates, parseLead, type LeadFacts } from "./lead";
import { knownStudio, studioTitle } from "./studios";
import { NATIONALITIES, cleanName, displayTitleOf, looksLikeName, nameKey, titleKey, tokenize, upperFirst, wikiTitle } from "../core/text";
import { LINK_KINDS, type Film, type Link, type LinkData, type LinkKind, type OriginalFilmLine, type RawFilm } from "../core/types";

export interface Prust2023Entry {
  title: string;
  year: number;
  cast?: string[];
  genres?: string[];
  href?: string;
  extract?: string;
  thumbnail?: string;
}

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

/** A link to a source work ("based on") or to another film of a series / remake family counts from 2 films on. */
export const DEFAULT_MIN_FILMS_BY_KIND: Partial<Record<LinkKind, number>> = { based_on: 2, series: 2 };

const DBPEDIA_KINDS: Record<string, LinkKind> = {
  starring: "cast",
  director: "director",
  writer: "writer",
  producer: "producer",
  musicComposer: "composer",
  cinematography: "cinematographer",
  editing: "editor",
  distributor: "studio",
};

/** "American Western" -> "Western": a leading nationality adjective is not part of a name. */
function stripNationality(name: string): string {
  let out = name;
  for (;;) {
    const space = out.indexOf(" ");
    if (space < 0 || !NATIONALITIES.has(out.slice(0, space))) return out;
    out = out.slice(space + 1);
  }
}

/** "October 1", "May 12": dates, not names. */
const MONTH_DATE = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d.*)?$/;

/** Capitalised phrases that are never link targets on their own. */
const STOP_MENTIONS = new Set(
  [
    "American", "British", "English", "French", "German", "Italian", "Canadian", "Australian", "Mexican", "Japanese", "Chinese", "Spanish", "Irish",
    "Scottish", "Russian", "Soviet", "Indian", "European", "African", "Asian", "Swedish", "Danish", "Dutch", "Greek", "Korean", "Hungarian", "Polish",
    "Austrian", "Swiss", "Jewish", "Christian", "Catholic", "Native", "Western", "Eastern", "Northern", "Southern", "Latin", "Hispanic", "Welsh", "Belgian",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas Eve",
    "The", "A", "An", "It", "He", "She", "They", "His", "Her", "Its", "Their", "This", "That", "These", "There", "When", "While", "After", "Before",
    "In", "On", "At", "As", "If", "Mr.", "Mrs.", "Miss", "Dr.", "Sr.", "Jr.", "St.", "Ms.", "Sir", "Lady", "Lord", "King", "Queen", "Prince", "Princess",
    "I", "II", "III", "IV", "V", "VI", "Part", "Part II", "Chapter", "Episode", "Film", "Movie", "Picture", "Pictures", "Studio", "Studios",
    "US", "U.S.", "USA", "U.S.A.", "UK", "Oscar", "God", "Jesus", "Christ", "Mrs", "Mr", "Dr", "Uncle", "Aunt", "Father", "Mother", "Captain", "Sheriff",
    "Me", "Don", "West", "Man", "You", "Love", "My", "Your", "We", "Us", "Him", "Them", "Our", "La", "Le", "El", "Los", "Las", "Der", "Die", "Das",
    "Inc.", "Ltd.", "The Movie", "The Film", "Part One", "Part Two", "Volume",
    "TV", "DVD", "Blu-ray", "VHS", "CD", "Internet", "Netflix Original", "Rotten Tomatoes", "Metacritic", "CinemaScore", "IMDb",
    "Doctor", "Professor", "Colonel", "General", "Major", "Sergeant", "Lieutenant", "Judge", "Officer", "Detective", "Inspector", "Agent",
    ...NATIONALITIES,
  ].map((s) => s.toLowerCase()),
);

// ---------------------------------------------------------------- helpers

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

/** Splits "Robert Downey, Jr., Chris Evans" cells of the 2016 lists into names. */
export function splitPeople(cells: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const cell of cells ?? []) {
    if (!cell) continue;
    const parts = cell.split(/\s*(?:,|;|\/|\band\b|&|\n)\s*/);
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i];
      if (/^(?:Jr|Sr)\.?$/.test(parts[i + 1] ?? "")) {
        part = `${part} ${parts[i + 1].replace(/\.?$/, ".")}`;
        i++;
      }
      const name = cleanName(part);
      if (looksLikeName(name)) out.push(name);
    }
  }
  return out;
}

/** "Coen Brothers" -> both brothers' articles; other team credits stay as they are. */
const TEAMS: Record<string, string[]> = {
  "coen brothers": ["Joel Coen", "Ethan Coen"],
  "the coen brothers": ["Joel Coen", "Ethan Coen"],
  "farrelly brothers": ["Peter Farrelly", "Bobby Farrelly"],
  "wachowski brothers": ["Lana Wachowski", "Lilly Wachowski"],
  "the wachowskis": ["Lana Wachowski", "Lilly Wachowski"],
  wachowskis: ["Lana Wachowski", "Lilly Wachowski"],
  "russo brothers": ["Anthony Russo", "Joe Russo"],
  "hughes brothers": ["Albert Hughes", "Allen Hughes"],
  "safdie brothers": ["Josh Safdie", "Benny Safdie"],
  "duplass brothers": ["Jay Duplass", "Mark Duplass"],
};

/** Per name key, how it is spelled most often; and DBpedia titles by role for disambiguated names. */
class PersonNames {
  private readonly spellings = new Map<string, Map<string, number>>();
  private readonly dbpediaByRole = new Map<string, Map<string, string | null>>();
  private readonly dbpediaAny = new Map<string, string | null>();
  private readonly resolved = new Map<string, string>();

  see(name: string): void {
    const key = nameKey(name);
    if (!key) return;
    let forms = this.spellings.get(key);
    if (!forms) this.spellings.set(key, (forms = new Map()));
    forms.set(name, (forms.get(name) ?? 0) + 1);
  }

  seeDbpedia(role: LinkKind, title: string): void {
    const base = nameKey(title.replace(/\s*\([^)]*\)$/, ""));
    let byRole = this.dbpediaByRole.get(role);
    if (!byRole) this.dbpediaByRole.set(role, (byRole = new Map()));
    const put = (map: Map<string, string | null>) => {
      const old = map.get(base);
      map.set(base, old === undefined || old === title ? title : null);
    };
    put(byRole);
    put(this.dbpediaAny);
  }

  /** The Wikipedia title for a person seen in role `kind`. */
  title(name: string, kind: LinkKind): string {
    const key = nameKey(name);
    const cacheKey = `${kind}\u0000${key}`;
    const cached = this.resolved.get(cacheKey);
    if (cached) return cached;
    const role: LinkKind = kind === "based_on" ? "writer" : kind;
    let title = this.dbpediaByRole.get(role)?.get(key) ?? null;
    if (!title) {
      const any = this.dbpediaAny.get(key);
      if (any && !any.includes("(")) title = any;
    }
    if (!title) {
      const forms = this.spellings.get(key);
      if (forms) {
        let best = name;
        let bestCount = -1;
        for (const [form, count] of forms) {
          if (count > bestCount || (count === bestCount && form < best)) {
            best = form;
            bestCount = count;
          }
        }
        title = best;
      } else title = name;
    }
    this.resolved.set(cacheKey, title);
    return title;
  }

  knows(key: string): boolean {
    return this.spellings.has(key) || this.dbpediaAny.has(key);
  }
}

interface Candidate {
  title: string;
  displayTitle: string;
  year: number | null;
  genreLabels: string[];
  cast: string[];
  extract: string;
  thumbnail: string | null;
  directors: string[];
  notes: string[];
  dbpedia: DbpediaEdge[];
  lead?: LeadFacts;
  links: Map<string, Map<LinkKind, number>>;
}

function addLink(links: Map<string, Map<LinkKind, number>>, name: string, kind: LinkKind): void {
  const title = name.trim();
  if (!title || STOP_MENTIONS.has(title.toLowerCase())) return;
  let kinds = links.get(title);
  if (!kinds) links.set(title, (kinds = new Map()));
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}

function mainKind(kinds: Map<LinkKind, number>): LinkKind {
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

// ---------------------------------------------------------------- prust + DBpedia

/** Films and their links from the prust lists and DBpedia edges. */
export function buildFromPrust(
  entries2023: readonly Prust2023Entry[],
  entries2016: readonly Prust2016Entry[],
  dbpedia: readonly DbpediaEdge[],
  options: BuildOptions = {},
): { data: LinkData; stats: BuildStats } {
  const dropped: Record<string, number> = { noHref: 0, sectionHref: 0, noExtract: 0, notAFilm: 0, duplicateHref: 0 };

  // 1. One candidate per article; a duplicated href keeps the entry whose year the lead confirms.
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
    const display = displayTitleOf(title);
    candidates.push({
      title,
      displayTitle: display,
      year: Number.isFinite(entry.year) ? entry.year : null,
      genreLabels: [...(entry.genres ?? [])],
      cast: (entry.cast ?? []).map(cleanName).filter(looksLikeName),
      extract: entry.extract!,
      thumbnail: entry.thumbnail ?? null,
      directors: [],
      notes: [],
      dbpedia: [],
      links: new Map(),
    });
  }
  candidates.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));

  // 2. Join the 2016 list on (normalised title, year), allowing a year off by one.
  const byKeyYear = new Map<string, Candidate[]>();
  const byKey = new Map<string, Candidate[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const c of candidates) {
    for (const key of new Set([titleKey(c.displayTitle)])) {
      push(byKeyYear, `${key}|${c.year}`, c);
      push(byKey, key, c);
    }
  }
  let joined2016 = 0;
  for (const entry of entries2016) {
    // "Avengers, The Avengers" -> "The Avengers"; "Graduate, The" -> "The Graduate".
    const raw = entry.title.replace(/^(.+), (The|A|An)$/, "$2 $1");
    const key = titleKey(raw.includes(", The ") ? raw.split(", ").pop()! : raw);
    const hit =
      byKeyYear.get(`${key}|${entry.year}`) ?? byKeyYear.get(`${key}|${entry.year - 1}`) ?? byKeyYear.get(`${key}|${entry.year + 1}`);
    if (!hit || hit.length !== 1) continue;
    const film = hit[0];
    if (film.directors.length) continue;
    joined2016++;
    film.directors = splitPeople(entry.director);
    if (film.cast.length === 0) film.cast = splitPeople(entry.cast);
    film.genreLabels.push(...(entry.genre ?? []));
    film.notes = (entry.notes ?? []).filter(Boolean);
  }

  // 3. DBpedia: exact article title, else a unique (title, year) match.
  const byArticle = new Map(candidates.map((c) => [c.title, c]));
  const dbFilms = new Map<string, Candidate | null>();
  let joinedDbpedia = 0;
  for (const edge of dbpedia) {
    let film = dbFilms.get(edge.film);
    if (film === undefined) {
      film = byArticle.get(edge.film) ?? null;
      if (!film) {
        const year = /\((\d{4})(?: [\p{L} ]+)? film\)$/u.exec(edge.film);
        const key = titleKey(displayTitleOf(edge.film).replace(/\s*\([^)]*\)$/, ""));
        const list = (year ? byKeyYear.get(`${key}|${year[1]}`) : byKey.get(key)) ?? [];
        film = list.length === 1 ? list[0] : null;
      }
      dbFilms.set(edge.film, film);
      if (film) joinedDbpedia++;
    }
    film?.dbpedia.push(edge);
  }

  // 4. Lead facts, and every person name seen, to pick one spelling per person.
  const people = new PersonNames();
  for (const c of candidates) {
    c.lead = parseLead(c.extract, c.displayTitle);
    for (const name of c.cast) people.see(name);
    for (const name of c.directors) people.see(name);
    for (const p of c.lead.people) people.see(cleanName(p.name));
    for (const e of c.dbpedia) {
      const kind = DBPEDIA_KINDS[e.property];
      if (kind && kind !== "studio") people.seeDbpedia(kind, e.object);
    }
  }

  // 5. Links from lists, notes, DBpedia and lead facts.
  const filmsByKey = new Map<string, Candidate[]>();
  for (const c of candidates) push(filmsByKey, titleKey(c.displayTitle), c);
  const incoming = new Map<Candidate, number>();
  const relationPairs: [Candidate, Candidate][] = [];
  const resolveFilm = (title: string, year: number | null, relation: string, self: Candidate): Candidate | null => {
    const list = (filmsByKey.get(titleKey(title)) ?? []).filter((f) => f !== self);
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
  for (const c of candidates) {
    const links = c.links;
    for (const label of c.genreLabels) for (const g of genreTitles(label)) addLink(links, g, "genre");
    for (const name of c.cast) addLink(links, people.title(name, "cast"), "cast");
    for (const raw of c.directors) {
      for (const name of TEAMS[nameKey(raw)] ?? [raw]) addLink(links, people.title(name, "director"), "director");
    }
    for (const note of c.notes) addNoteLinks(note, c, people, resolveFilm, incoming, relationPairs);
    for (const e of c.dbpedia) {
      const kind = DBPEDIA_KINDS[e.property];
      if (!kind) continue;
      addLink(links, kind === "studio" ? studioTitle(e.object, c.year) : e.object, kind);
    }
    const lead = c.lead!;
    for (const p of lead.people) {
      const name = cleanName(p.name);
      for (const member of TEAMS[nameKey(name)] ?? [name]) addLink(links, people.title(member, p.kind), p.kind);
    }
    for (const company of lead.companies) addLink(links, studioTitle(company, c.year), "studio");
    for (const work of lead.works) addLink(links, work, "based_on");
    for (const franchise of lead.franchises) addLink(links, franchise, "series");
    for (const r of lead.relations) addRelation(c, r.title, r.year, r.relation, resolveFilm, incoming, relationPairs);
  }

  // 6. A series' films all link to each other (as the series navbox on each article does);
  // so do the films of one remake family (each article names the other versions).
  linkSeries(candidates, relationPairs);
  linkFamilies(candidates, remakePairs.splice(0), 20);

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
      // carried for popularity, read by finishLinkData through the bonus map below
    };
  });
  const bonus = new Map<string, number>();
  for (const c of candidates) bonus.set(c.title, 3 * (incoming.get(c) ?? 0) + (c.dbpedia.length > 0 ? 10 : 0));
  const { data, stats } = finishLinkData(raw, options, bonus);
  return {
    data,
    stats: { ...stats, sourceEntries: entries2023.length, dropped, joined2016, joinedDbpedia, candidateFilms: candidates.length },
  };
}

/** Remake relations found while adding links (read by linkRemakes). */
const remakePairs: [Candidate, Candidate][] = [];

type FilmResolver = (title: string, year: number | null, relation: string, self: Candidate) => Candidate | null;

/** "sequel to X": this film links to X and (as X's infobox "followed by" does) X links back. */
function addRelation(
  c: Candidate,
  title: string,
  year: number | null,
  relation: string,
  resolveFilm: FilmResolver,
  incoming: Map<Candidate, number>,
  relationPairs: [Candidate, Candidate][],
): void {
  const target = resolveFilm(title, year, relation, c);
  if (target) {
    if (relation !== "remake") relationPairs.push([c, target]);
    else remakePairs.push([c, target]);
    addLink(c.links, target.title, "series");
    addLink(target.links, c.title, "series");
    incoming.set(target, (incoming.get(target) ?? 0) + 1);
  } else if (titleKey(title) !== titleKey(c.displayTitle)) {
    addLink(c.links, title, "series");
  }
}

/** The films joined by `pairs` (union-find), each group in `candidates` order; films in no pair are left out. */
function connectedGroups(candidates: Candidate[], pairs: [Candidate, Candidate][]): Candidate[][] {
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
function linkFamilies(candidates: Candidate[], pairs: [Candidate, Candidate][], maxSize: number): Candidate[][] {
  const out = connectedGroups(candidates, pairs).filter((m) => m.length >= 2 && m.length <= maxSize);
  for (const members of out) {
    for (const a of members) for (const b of members) if (a !== b) addLink(a.links, b.title, "series");
    // The story every version tells, named by the first version's title (as "Little Women"
    // names the novel all its films adapt): shared by all members, the original too.
    const first = members.filter((m) => m.year !== null).sort((a, b) => a.year! - b.year!)[0] ?? members[0];
    for (const m of members) addLink(m.links, first.displayTitle, "based_on");
  }
  return out;
}

function linkSeries(candidates: Candidate[], relationPairs: [Candidate, Candidate][]): void {
  for (const members of connectedGroups(candidates, relationPairs)) {
    if (members.length < 2 || members.length > 40) continue;
    for (const a of members) for (const b of members) if (a !== b) addLink(a.links, b.title, "series");
  }
  // A franchise named after its first film ("the second film in the Alien franchise"):
  // the first film links to the franchise too, as its article's navbox does.
  const users = new Map<string, number>();
  for (const c of candidates) for (const [name, kinds] of c.links) if (kinds.has("series")) users.set(name, (users.get(name) ?? 0) + 1);
  const byKey = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = titleKey(c.displayTitle);
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const articleTitles = new Set(candidates.map((c) => c.title));
  for (const [name, count] of users) {
    if (count < 2 || articleTitles.has(name)) continue;
    const films = (byKey.get(titleKey(name)) ?? []).filter((f) => f.year !== null).sort((a, b) => a.year! - b.year!);
    if (films.length && !films[0].links.has(name)) addLink(films[0].links, name, "series");
  }
}

const NOTE_SPLIT = /,\s+(?!(?:Inc|Ltd|Jr|Sr|LLC)\.?\b)/;

function addNoteLinks(
  note: string,
  c: Candidate,
  people: PersonNames,
  resolveFilm: FilmResolver,
  incoming: Map<Candidate, number>,
  relationPairs: [Candidate, Candidate][],
): void {
  const text = note.trim();
  if (!text || /^n\/?a$/i.test(text)) return;
  if (/\b(?:sequel|prequel|remake|based|follow-up|spin-off)\b/i.test(text)) {
    // "Sequel to Ride Along (2014)", "Based on the novel 13 Hours by Mitchell Zuckoff"
    const lead = parseLead(`${text.replace(/^(\w)/, (m) => m.toLowerCase()).replace(/^sequel to/i, "a sequel to")}.`, c.displayTitle);
    for (const p of lead.people) addLink(c.links, people.title(cleanName(p.name), p.kind), p.kind);
    for (const work of lead.works) addLink(c.links, work, "based_on");
    for (const r of lead.relations) addRelation(c, r.title, r.year, r.relation, resolveFilm, incoming, relationPairs);
    const tv = /based on (?:the )?(?:tv|television) series/i.test(text);
    if (tv) addLink(c.links, "Television series", "based_on");
    return;
  }
  for (const part of text.split(NOTE_SPLIT)) {
    const p = part.trim();
    if (!p) continue;
    if (/oscar|academy award/i.test(p)) addLink(c.links, "Academy Awards", "award");
    else if (/razzie/i.test(p)) addLink(c.links, "Golden Raspberry Awards", "award");
    else if (/golden globe/i.test(p)) addLink(c.links, "Golden Globe Awards", "award");
    else if (/^(?:made[- ]for[- ]tv|tv|tv movie|television film|made for television)$/i.test(p)) addLink(c.links, "Television film", "format");
    else if (/direct[- ]to[- ]video|^dtv$/i.test(p)) addLink(c.links, "Direct-to-video", "format");
    else if (/^mst3k$/i.test(p)) addLink(c.links, "Mystery Science Theater 3000", "mention");
    else if (/^(?:3-?d|imax)$/i.test(p)) addLink(c.links, p.toUpperCase().startsWith("3") ? "3D film" : "IMAX", "format");
    else if (/^\p{Lu}/u.test(p) && p.split(/\s+/).length <= 6 && !/\d{4}/.test(p) && (isCompanyName(p) || looksLikeName(p))) {
      addLink(c.links, studioTitle(p, c.year), "studio");
    }
  }
}

/**
 * Capitalised names the lead mentions, kept where at least 3 films mention
 * them. People (credited elsewhere), the film's own title, nationalities and
 * sentence-initial common words are left out; a longer name that recurs wins
 * over the shorter names inside it ("Star Wars" over "Star" and "Wars").
 */
function addMentions(candidates: Candidate[], people: PersonNames): void {
  // Which capitalised words are ordinary words that only start a sentence?
  const lower = new Map<string, number>();
  const midCap = new Map<string, number>();
  for (const c of candidates) {
    for (const t of tokenize(c.extract)) {
      if (t.type !== "word") continue;
      if (!t.cap) lower.set(t.text, (lower.get(t.text) ?? 0) + 1);
      else if (!t.sentenceStart) midCap.set(t.text, (midCap.get(t.text) ?? 0) + 1);
    }
  }
  const isCommonWord = (word: string) => (lower.get(word.toLowerCase()) ?? 0) > (midCap.get(word) ?? 0);
  // A single word is a name only if it is (almost) never written in lower case.
  const isRareCapital = (word: string) => 10 * (lower.get(word.toLowerCase()) ?? 0) > (midCap.get(word) ?? 0);

  // First and last names shared by 3+ credited people ("Barry", "Hayes", "Williams"):
  // alone, such a word names some person, not a link target.
  // (Only the clean person lists count here: cast and director columns, DBpedia people.)
  const partPeople = new Map<string, Set<string>>();
  for (const c of candidates) {
    const persons = [...c.cast, ...c.directors, ...c.dbpedia.filter((e) => DBPEDIA_KINDS[e.property] && e.property !== "distributor").map((e) => e.object)];
    for (const name of persons) {
      const parts = nameKey(name.replace(/\s*\([^)]*\)$/, "")).split(" ");
      if (parts.length < 2 || parts.length > 4) continue;
      for (const part of [parts[0], parts[parts.length - 1]]) {
        let set = partPeople.get(part);
        if (!set) partPeople.set(part, (set = new Set()));
        set.add(nameKey(name));
      }
    }
  }
  const nameParts = new Set([...partPeople].filter(([, people]) => people.size >= 3).map(([part]) => part));
  const perFilm: { name: string; start: number; end: number }[][] = [];
  const filmCount = new Map<string, number>();
  for (const c of candidates) {
    const own = titleKey(c.displayTitle);
    const linkedKeys = new Set<string>();
    const surnames = new Set<string>();
    for (const name of c.links.keys()) {
      const key = nameKey(name.replace(/\s*\([^)]*\)$/, ""));
      linkedKeys.add(key);
      const parts = key.split(" ");
      if (parts.length > 1) {
        surnames.add(parts[parts.length - 1]);
        surnames.add(parts[0]);
      }
    }
    const found = mentionCandidates(c.extract, isCommonWord).map((m) => ({ ...m, name: stripNationality(m.name) })).filter((m) => {
      const key = nameKey(m.name);
      if (m.name.length < 2 || (!key.includes(" ") && isRareCapital(m.name))) return false;
      if (!key || STOP_MENTIONS.has(m.name.toLowerCase()) || /^\d/.test(key)) return false;
      if (titleKey(m.name) === own) return false;
      if (linkedKeys.has(key) || people.knows(key)) return false;
      if (!key.includes(" ") && (surnames.has(key) || (nameParts.has(key) && !knownStudio(m.name) && !isCompanyName(m.name)))) return false;
      if (MONTH_DATE.test(m.name)) return false;
      return true;
    });
    perFilm.push(found);
    for (const name of new Set(found.map((m) => m.name))) filmCount.set(name, (filmCount.get(name) ?? 0) + 1);
  }
  candidates.forEach((c, f) => {
    const frequent = perFilm[f].filter((m) => (filmCount.get(m.name) ?? 0) >= 3);
    for (const m of frequent) {
      const inside = frequent.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
      if (inside) continue;
      const genres = genreTitles(m.name);
      if (knownStudio(m.name) || isCompanyName(m.name)) addLink(c.links, studioTitle(m.name, c.year), "studio");
      else if (genres.length === 1 && !m.name.includes(" ")) addLink(c.links, genres[0], "genre");
      else addLink(c.links, upperFirst(m.name), "mention");
    }
  });
}

// ---------------------------------------------------------------- original NDJSON

/** Infobox parameters -> the kind of the links that appear in them. */
const INFOBOX_KINDS: [RegExp, LinkKind][] = [
  [/^direct/i, "director"],
  [/^(?:starring|cast|narrat|voices)/i, "cast"],
  [/^(?:writer|screenplay|story|written)/i, "writer"],
  [/^(?:producer|produced)/i, "producer"],
  [/^music/i, "composer"],
  [/^cinematograph/i, "cinematographer"],
  [/^edit/i, "editor"],
  [/^(?:studio|production|distributor|company|distributed)/i, "studio"],
  [/^based/i, "based_on"],
  [/^(?:preceded|followed|series)/i, "series"],
  [/^genre/i, "genre"],
];

/** Parses one line of the original NDJSON format (throws on a malformed line). */
export function parseOriginalLine(line: string): OriginalFilmLine {
  const value: unknown = JSON.parse(line);
  if (!Array.isArray(value) || typeof value[0] !== "string" || typeof value[1] !== "object" || value[1] === null || !Array.isArray(value[2])) {
    throw new Error("expected [title, {infobox}, [links], rotten %, rating]");
  }
  const props: Record<string, string> = {};
  for (const [k, v] of Object.entries(value[1] as Record<string, unknown>)) if (v !== null && v !== undefined) props[k] = String(v);
  const links = (value[2] as unknown[]).filter((x): x is string => typeof x === "string");
  const str = (x: unknown) => (typeof x === "string" && x ? x : null);
  return [value[0], props, links, str(value[3]), str(value[4])];
}

/** Films and their links from original NDJSON lines (a Wikipedia dump's film articles). */
export function buildFromOriginal(lines: readonly OriginalFilmLine[], options: BuildOptions = {}): { data: LinkData; stats: BuildStats } {
  const raw: RawFilm[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const [rawTitle, props, outgoing] of lines) {
    const title = wikiTitle(rawTitle);
    if (seen.has(title)) {
      duplicates++;
      continue;
    }
    seen.add(title);
    const propKinds: [string, LinkKind][] = [];
    for (const [key, value] of Object.entries(props)) {
      const kind = INFOBOX_KINDS.find(([re]) => re.test(key))?.[1];
      if (kind) propKinds.push([nameKey(value), kind]);
    }
    const links = new Map<string, LinkKind>();
    for (const target of outgoing) {
      const name = wikiTitle(target.split("#")[0]);
      if (!name || name === title || /^[\p{L} ]+:/u.test(name) && /^(?:File|Image|Category|Wikipedia|Template|Help|Portal|Special|Media|Draft|Module|User|Talk|WP|Wikt|Wiktionary|S|Q|Commons|Meta|[a-z]{2,3}):/i.test(name)) continue;
      const key = nameKey(name.replace(/\s*\([^)]*\)$/, ""));
      const kind = key ? propKinds.find(([text]) => text.includes(key))?.[1] ?? "link" : "link";
      if (!links.has(name) || links.get(name) === "link") links.set(name, kind);
    }
    const released = props.released ?? props.release ?? props["release date"] ?? props.release_date ?? props.year ?? "";
    const yearMatch = /\b(1[89]\d\d|20\d\d)\b/.exec(released);
    const image = props.image?.trim();
    raw.push({
      title,
      displayTitle: displayTitleOf(title),
      year: yearMatch ? Number(yearMatch[1]) : null,
      genres: [],
      thumbnail: image ? `https://en.wikipedia.org/wiki/Special:FilePath/${encodeURIComponent(image.replace(/^(?:File|Image):/i, "").replace(/ /g, "_"))}` : null,
      extractLength: 0,
      links,
    });
  }
  const { data, stats } = finishLinkData(raw, options, new Map());
  return { data, stats: { ...stats, sourceEntries: lines.length, dropped: { duplicateTitle: duplicates }, candidateFilms: raw.length } };
}

// ---------------------------------------------------------------- common end

/**
 * Keeps links that >= minFilmsPerLink films have and films with >= minLinksPerFilm
 * of them (repeated until stable), ranks films by popularity (best known first)
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
