// Facts from a film article's lead paragraph (plain text, no wikilinks): who
// directed, wrote, produced and starred, which company released it, what it is
// based on, which film it is a sequel/remake of, which franchise it belongs to,
// and which capitalised names it mentions. In the article these are exactly the
// phrases that carry wikilinks, so they stand in for the article's outgoing links.

import type { LinkKind } from "../core/types";
import { NATIONALITIES, NAME_CONNECTORS, PERSON_CONNECTORS, capitalisedRunEnd, joinTokens, tokenize, type Token } from "../core/text";

export interface LeadPerson {
  name: string;
  kind: LinkKind;
}

export interface LeadRelation {
  relation: "sequel" | "prequel" | "remake" | "spin-off" | "follow-up";
  title: string;
  year: number | null;
}

export interface LeadFacts {
  /** Year in "X is a 1979 film", or null. */
  year: number | null;
  people: LeadPerson[];
  /** Production / distribution companies (raw names; see studios.ts). */
  companies: string[];
  /** Source works (novels, plays, ...) by title. */
  works: string[];
  relations: LeadRelation[];
  /** "the second film in the Evil Dead franchise" -> "Evil Dead". */
  franchises: string[];
}

const COMPANY_WORDS =
  /\b(?:Pictures|Picture|Studios?|Films?|Productions?|Entertainment|Company|Corporation|Corp\.|Inc\.|Ltd\.|LLC|Animation|Media|Releasing|Distribution|Distributors|Television|Network|Cinema|Group|Bros\.|Classics|Features|Artists|Enterprises|Filmworks|Photoplays?|Manufacturing|Exchange|Associates)\b/;
/** Brand names that are companies when they stand first ("Fox", "Universal", "Pathé"), not as a surname ("Wallace Fox"). */
const COMPANY_BRANDS =
  /^(?:Pathé|Lasky|Lucasfilm|Pixar|DreamWorks|Netflix|HBO|Amblin|Miramax|Lionsgate|Metro-Goldwyn-Mayer|MGM|RKO|Vitagraph|Essanay|Biograph|Selig|Kalem|Edison|Triangle|Mutual|Monogram|Republic|Paramount|Universal|Columbia|Fox|Warner|Disney|Goldwyn|Selznick|Thanhouser|Lubin|Keystone|Vitaphone|Hammer|Cannon|Orion|TriStar|Touchstone|Dimension|Summit|Legendary|Blumhouse|A24|Annapurna|Neon|Amazon|Apple|Hulu|Nickelodeon|Touchstone|Focus|Screen Gems|Lionsgate)\b/;

/** Does a name look like a company rather than a person? */
export function isCompanyName(name: string): boolean {
  return COMPANY_WORDS.test(name) || COMPANY_BRANDS.test(name);
}

function wordAt(tokens: readonly Token[], i: number): string {
  const token = tokens[i];
  return token && token.type === "word" ? token.text.toLowerCase() : "";
}

/** Skip a short parenthetical such as "(voices)" or "(1951)"; returns the index after it, or i. */
function skipParenthetical(tokens: readonly Token[], i: number): number {
  if (tokens[i]?.text !== "(") return i;
  for (let j = i + 1; j < Math.min(tokens.length, i + 10); j++) if (tokens[j].text === ")") return j + 1;
  return i;
}

/**
 * Names listed from token k on: "Tom Skerritt, Sigourney Weaver, and John Hurt".
 * Stops at the first word that is not a capitalised name or a list separator.
 */
export function readNameList(tokens: readonly Token[], k: number, max = 40): string[] {
  const names: string[] = [];
  let i = k;
  while (i < tokens.length && names.length < max) {
    if (wordAt(tokens, i) === "the" && tokens[i + 1]?.cap) i++;
    const end = capitalisedRunEnd(tokens, i, PERSON_CONNECTORS);
    if (end === i) break;
    let name = joinTokens(tokens.slice(i, end));
    i = end;
    // "Tyrone Power, Sr." / "Robert Downey, Jr."
    if (tokens[i]?.text === "," && /^(?:Jr|Sr)\.?$/.test(tokens[i + 1]?.text ?? "")) {
      name += ` ${tokens[i + 1].text.replace(/\.?$/, ".")}`;
      i += 2;
    }
    names.push(name);
    i = skipParenthetical(tokens, i);
    if (tokens[i]?.text === ",") i++;
    if (wordAt(tokens, i) === "and" || tokens[i]?.text === "&") i++;
    if (!(tokens[i]?.type === "word" && tokens[i].cap)) break;
  }
  return names;
}

/** Token index of the first token starting at or after a character offset. */
function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const ROLE_VERBS: Record<string, LinkKind> = {
  written: "writer",
  "co-written": "writer",
  cowritten: "writer",
  directed: "director",
  "co-directed": "director",
  codirected: "director",
  produced: "producer",
  "co-produced": "producer",
  coproduced: "producer",
  "executive-produced": "producer",
  edited: "editor",
  photographed: "cinematographer",
  scored: "composer",
};

const ROLE_RE = /\b((?:(?:co-?|executive-)?(?:written|directed|produced|edited|photographed|scored)(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+))+)by(\s+and\s+(?:also\s+)?starring)?\s+/gi;
const CAST_RE = /\b(?:co-?starring|starring|(?:also |co-?)?stars|featuring|features the voices of|the voices of|voice cast includes|the cast includes|cast includes|ensemble cast (?:of|includes))\s+/gi;
const WRITER_RE = /\b(?:screenplay|script|story|teleplay|scenario|original story)(?: was)?(?: (?:co-)?written| adapted)? by\s+/gi;
const COMPOSER_RE = /\b(?:music|score|musical score|soundtrack)(?: was)?(?: composed| written)? by\s+/gi;
const CINEMATOGRAPHY_RE = /\bcinematography(?: was)? by\s+/gi;
const DISTRIBUTOR_RE = /\b(?:(?:theatrically )?(?:distributed|released)(?: and (?:distributed|released))?(?: theatrically)?(?: in the United States)? (?:by|through|via))\s+/gi;
const COMPANY_HINT_RE = /\b(?:for|through|by|from|at|with|under)\s+(?=(?:the\s+)?\p{Lu})/giu;
const BASED_RE = /\b(?:(?:based|loosely based|adapted) (?:up)?(?:on|from)|(?:(?:film|screen|feature(?:-length)?(?: film)?|movie|cinematic|musical) )?adaptation of(?! the (?:original )?(?:[\p{L}-]+ ){0,2}(?:1[89]\d\d|20\d\d) (?:[\p{L}-]+ ){0,2}(?:film|movie|picture|version)\b))\s+/giu;
/**
 * "a remake of the 1933 film about a giant ape", "an adaptation of the original 1937 film",
 * "after the original 1937 film": a film of the same title from that year (no other title follows).
 */
const SAME_TITLE_REMAKE_RE = /\b(?:(?:remake|re-?imagining|adaptation|version|update) of|after) the (?:original )?(?:[\p{L}-]+ ){0,2}?(1[89]\d\d|20\d\d) (?:[\p{L}-]+ ){0,2}?(?:film|movie|picture|version)\b(?!,? *(?:["“]|\p{Lu}|\(?(?:1[89]|20)\d\d))/gu; // no "i": \p{Lu} would match lower case too
const RELATION_RE = /\b(sequel|prequel|remake|follow-up|spin-off|spinoff)\s+(?:to|of)\s+/gi;
/** "led to a sequel, Alien Resurrection (1997)" / "was followed by a sequel, X": this film is the prequel of X. */
const FOLLOWED_RE = /\b(?:led to|followed by|spawned)\s+(?:a|the|two|three)?\s*(?:sequels?|follow-ups?)(?:\s+titled|\s+entitled|,)?\s+/gi;
const FRANCHISE_RE = /\b(?:installment|instalment|entry|film|chapter|movie|part|sequel|episode|picture|feature|release)\s+(?:in|of|from)\s+the\s+/gi;
const FRANCHISE_NOUN = /^(?:franchise|series|trilogy|saga|universe|cycle|films|tetralogy|quadrilogy|anthology|continuity|shared)$/i;
const WORK_TYPE = /^(?:novel|novels|novella|play|plays|stage|short|story|stories|book|books|comic|comics|strip|musical|memoir|poem|opera|operetta|song|article|game|series|character|characters|fairy|tale|tales|biography|autobiography|legend|myth|screenplay|manga|franchise|toy|line|board|television|tv|radio|serial|magazine|newspaper|broadway|sketch|graphic|children's|picture|nonfiction|non-fiction|true|life|works|work|writings|poems|film)$/i;
const SKIPPABLE = /^(?:\w+-volume|semi-autobiographical|autobiographical|the|a|an|his|her|their|its|same-titled|eponymous|bestselling|best-selling|popular|classic|famous|acclaimed|original|unpublished|successful|hit|pulitzer|prize-winning|award-winning|english|american|british|french|german|italian|russian|japanese|of|name|same|titled|entitled|called|by|and|\d{4}|\d{4}s)$/i;

/**
 * All lead-paragraph facts of one film. `ownTitle` (the display title) names
 * the source work of "based on the novel of the same name".
 */
export function parseLead(text: string, ownTitle: string): LeadFacts {
  // "1868-69 two-volume novel": a year range is one year here.
  text = text.replace(/\b(1[89]\d\d)[-–](\d\d(?:\d\d)?)\b/g, (_m, y: string, rest: string) => y + " ".repeat(rest.length + 1));
  const tokens = tokenize(text);
  const facts: LeadFacts = { year: null, people: [], companies: [], works: [], relations: [], franchises: [] };
  const first = /\b(?:is|was)\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}?(1[89]\d\d|20\d\d)\b/u.exec(text);
  facts.year = first ? Number(first[1]) : null;

  const addPeople = (names: string[], kind: LinkKind) => {
    for (const name of names) {
      if (isCompanyName(name)) facts.companies.push(name);
      // A single word ("Michael and Peter Spierig", "Stanton") is too ambiguous to name a person.
      else if (name.includes(" ")) facts.people.push({ name, kind });
    }
  };
  const namesAfter = (match: RegExpExecArray) => readNameList(tokens, tokenIndexAt(tokens, match.index + match[0].length));

  for (const m of text.matchAll(ROLE_RE)) {
    const names = namesAfter(m);
    const verbs = m[1].toLowerCase().split(/[\s,]+/).filter((w) => w && w !== "and");
    const kinds = new Set<LinkKind>(verbs.map((v) => ROLE_VERBS[v.replace(/^co(?!-)/, "co-")] ?? ROLE_VERBS[v]).filter(Boolean));
    for (const kind of kinds) addPeople(names, kind);
    if (m[2]) {
      // "written by and starring Sylvester Stallone": the names follow "starring".
      addPeople(names, "cast");
    }
  }
  for (const m of text.matchAll(CAST_RE)) addPeople(namesAfter(m), "cast");
  for (const m of text.matchAll(WRITER_RE)) addPeople(namesAfter(m), "writer");
  for (const m of text.matchAll(COMPOSER_RE)) addPeople(namesAfter(m), "composer");
  for (const m of text.matchAll(CINEMATOGRAPHY_RE)) addPeople(namesAfter(m), "cinematographer");
  for (const m of text.matchAll(DISTRIBUTOR_RE)) facts.companies.push(...namesAfter(m));
  for (const m of text.matchAll(COMPANY_HINT_RE)) {
    for (const name of namesAfter(m)) if (isCompanyName(name)) facts.companies.push(name);
  }
  for (const m of text.matchAll(BASED_RE)) parseBasedOn(tokens, tokenIndexAt(tokens, m.index + m[0].length), ownTitle, facts);
  for (const m of text.matchAll(RELATION_RE)) {
    const relation = m[1].toLowerCase().replace("spinoff", "spin-off") as LeadRelation["relation"];
    const found = readFilmReference(tokens, tokenIndexAt(tokens, m.index + m[0].length), ownTitle);
    if (found) facts.relations.push({ relation, ...found });
  }
  for (const m of text.matchAll(SAME_TITLE_REMAKE_RE)) {
    if (/^after/i.test(m[0]) && !/original/i.test(m[0])) continue;
    facts.relations.push({ relation: "remake", title: ownTitle, year: Number(m[1]) });
  }
  for (const m of text.matchAll(FOLLOWED_RE)) {
    const found = readFilmReference(tokens, tokenIndexAt(tokens, m.index + m[0].length), ownTitle);
    if (found && found.title !== ownTitle) facts.relations.push({ relation: "prequel", ...found });
  }
  for (const m of text.matchAll(FRANCHISE_RE)) {
    const i = tokenIndexAt(tokens, m.index + m[0].length);
    const end = capitalisedRunEnd(tokens, i, NAME_CONNECTORS);
    if (end === i) continue;
    let name = joinTokens(tokens.slice(i, end));
    if (NATIONALITIES.has(name) || NATIONALITIES.has(tokens[i].text)) continue;
    const next = wordAt(tokens, end) === "film" || wordAt(tokens, end) === "movie" ? wordAt(tokens, end + 1) : wordAt(tokens, end);
    const nameEndsWithNoun = /\s(?:Universe|Saga|Trilogy|Series|Franchise)$/.test(name);
    if (!FRANCHISE_NOUN.test(next) && !nameEndsWithNoun) continue;
    name = name.replace(/\s+(?:Franchise|Series|Film Series)$/, "");
    facts.franchises.push(name);
  }
  return facts;
}

/** "the 1993 film, American Yakuza" / "Up Front (1951)" / "the film of the same name" after "sequel to". */
function readFilmReference(tokens: readonly Token[], k: number, ownTitle: string): { title: string; year: number | null } | null {
  let i = k;
  let year: number | null = null;
  let sameName = false;
  for (let steps = 0; steps < 8 && i < tokens.length; steps++) {
    const t = tokens[i];
    if (t.type === "word" && t.cap && !NATIONALITIES.has(t.text)) break;
    if (t.type === "end") return null;
    if (/^(?:1[89]\d\d|20\d\d)$/.test(t.text)) year = Number(t.text);
    if (t.text === "same") sameName = true;
    i++;
  }
  if (sameName) return { title: ownTitle, year };
  if (tokens[i]?.text === '"' || tokens[i]?.text === "“") i++;
  const end = capitalisedRunEnd(tokens, i, NAME_CONNECTORS);
  if (end === i) return null;
  const title = joinTokens(tokens.slice(i, end));
  if (tokens[end]?.text === "(" && /^(?:1[89]\d\d|20\d\d)$/.test(tokens[end + 1]?.text ?? "")) year = Number(tokens[end + 1].text);
  return { title, year };
}

function parseBasedOn(tokens: readonly Token[], k: number, ownTitle: string, facts: LeadFacts): void {
  let i = k;
  let sawWorkType = false;
  let sameName = false;
  let title: string | null = null;
  const authors: string[] = [];
  for (let steps = 0; steps < 14 && i < tokens.length; steps++) {
    const t = tokens[i];
    if (t.type === "end" && (t.text === "?" || t.text === "!") && wordAt(tokens, i + 1) === "by") {
      i++;
      continue;
    }
    if (t.type === "end") break;
    if (t.type === "punct") {
      if (t.text === "," || t.text === '"' || t.text === "“" || t.text === "”" || t.text === "'" || t.text === "‘") {
        i++;
        continue;
      }
      break;
    }
    const lower = t.text.toLowerCase();
    if (lower === "by" && tokens[i + 1]?.cap) {
      authors.push(...readNameList(tokens, i + 1, 3));
      break;
    }
    if (!t.cap) {
      if (WORK_TYPE.test(t.text)) sawWorkType = true;
      else if (lower === "same") sameName = true;
      else if (!SKIPPABLE.test(t.text)) break;
      i++;
      continue;
    }
    if (NATIONALITIES.has(t.text) || /^(?:Broadway|Off-Broadway|Academy|Pulitzer)$/.test(t.text)) {
      i++;
      continue;
    }
    // A capitalised run: "Edward Harris Heth's" (author) or the work's title.
    const end = capitalisedRunEnd(tokens, i, title === null ? NAME_CONNECTORS : PERSON_CONNECTORS);
    let run = joinTokens(tokens.slice(i, end));
    // "Louisa May Alcott's 1868 novel": the year is not part of the author's name.
    const yearAfter = /^(.+['’]s) (?:1[89]\d\d|20\d\d)$/.exec(run);
    if (yearAfter) run = yearAfter[1];
    const possessive = /['’]s$/.exec(run);
    if (possessive) {
      authors.push(run.slice(0, -2));
    } else if (title === null && (sawWorkType || steps === 0 || tokens[i - 1]?.text === '"' || tokens[i - 1]?.text === "“")) {
      title = run;
    } else if (title === null && /^(?:1[89]\d\d|20\d\d)$/.test(tokens[i - 1]?.text ?? "")) {
      title = run;
    } else {
      break;
    }
    i = end;
  }
  if (sameName) title = ownTitle;
  if (title && title.length > 1 && !/^(?:The|A|An)$/.test(title)) facts.works.push(title);
  for (const author of authors) if (!isCompanyName(author) && author.includes(" ")) facts.people.push({ name: author, kind: "based_on" });
}

// ---------------------------------------------------------------- mentions

/**
 * Capitalised names mentioned in the text (candidate links): every maximal
 * capitalised run and its parts split at "and", "in", "on", "for", "to", ":" and "–",
 * at most 6 words.
 * `isCommonWord` decides whether a sentence's first word is capitalised only
 * because it starts the sentence ("In 1979 ..."); such a word is dropped.
 */
export function mentionCandidates(text: string, isCommonWord: (word: string) => boolean): { name: string; start: number; end: number }[] {
  const tokens = tokenize(text);
  const out: { name: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const ordinal = t.type === "word" && /^\d+(?:st|nd|rd|th)$/.test(t.text) && tokens[i + 1]?.type === "word" && tokens[i + 1].cap;
    if (!(t.type === "word" && (t.cap || ordinal))) {
      i++;
      continue;
    }
    let start = i;
    if (t.sentenceStart && isCommonWord(t.text)) {
      start = i + 1;
      if (!(tokens[start]?.type === "word" && tokens[start].cap)) {
        i++;
        continue;
      }
    }
    const end = capitalisedRunEnd(tokens, start, NAME_CONNECTORS);
    const run = tokens.slice(start, end);
    const pieces: Token[][] = [run];
    let piece: Token[] = [];
    for (const token of run) {
      if (token.text === "and" || token.text === "&" || token.text === ":" || token.text === "–" || token.text === "in" || token.text === "on" || token.text === "for" || token.text === "to") {
        if (piece.length) pieces.push(piece);
        piece = [];
      } else piece.push(token);
    }
    if (piece.length && piece.length < run.length) pieces.push(piece);
    for (const p of pieces) {
      // Trim connectors left at the edges of a piece.
      let a = 0;
      let b = p.length;
      while (a < b && !p[a].cap && !/^\d+(?:st|nd|rd|th)$/.test(p[a].text)) a++;
      while (b > a && !p[b - 1].cap && !/^\d/.test(p[b - 1].text)) b--;
      if (b - a === 0 || b - a > 6) continue;
      const name = joinTokens(p.slice(a, b)).replace(/['’]s$/, "");
      out.push({ name, start: p[a].start, end: p[b - 1].start + p[b - 1].text.length });
    }
    i = Math.max(end, i + 1);
  }
  return out;
}
