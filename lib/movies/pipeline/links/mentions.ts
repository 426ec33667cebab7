// Links to the capitalised names that lead paragraphs mention ("World War II",
// "Broadway", "James Bond") and that recur across films. Pure.

import { NATIONALITIES, nameKey, titleKey, tokenize, upperFirst } from "../../core/text";
import { genreTitles } from "../genres";
import { isCompanyName, mentionCandidates } from "../lead";
import { knownStudio, studioTitle } from "../studios";
import { DBPEDIA_KINDS, STOP_MENTIONS, addLink, type Candidate } from "./candidate";
import type { PersonNames } from "./people";

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

/**
 * Capitalised names the lead mentions, kept where at least 3 films mention
 * them. People (credited elsewhere), the film's own title, nationalities and
 * sentence-initial common words are left out; a longer name that recurs wins
 * over the shorter names inside it ("Star Wars" over "Star" and "Wars").
 */
export function addMentions(candidates: readonly Candidate[], people: PersonNames): void {
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
  const oftenLowerCase = (word: string) => 10 * (lower.get(word.toLowerCase()) ?? 0) > (midCap.get(word) ?? 0);

  // First and last names shared by 3+ credited people ("Barry", "Hayes", "Williams"):
  // alone, such a word names some person, not a link target.
  // (Only the clean person lists count here: cast and director columns, DBpedia people.)
  const partPeople = new Map<string, Set<string>>();
  for (const c of candidates) {
    const persons = [...c.cast, ...c.directors, ...c.dbpedia.filter((e) => DBPEDIA_KINDS.has(e.property) && e.property !== "distributor").map((e) => e.object)];
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
      if (m.name.length < 2 || (!key.includes(" ") && oftenLowerCase(m.name))) return false;
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
