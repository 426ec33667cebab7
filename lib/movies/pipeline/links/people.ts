// People's names: splitting list cells into names, team credits, and one
// Wikipedia title per person. Pure.

import { cleanName, looksLikeName, nameKey } from "../../core/text";
import type { LinkKind } from "../../core/types";

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

/** Team credits that stand for several people's articles ("Coen Brothers" -> both brothers). */
const TEAMS: ReadonlyMap<string, readonly string[]> = new Map([
  ["coen brothers", ["Joel Coen", "Ethan Coen"]],
  ["the coen brothers", ["Joel Coen", "Ethan Coen"]],
  ["farrelly brothers", ["Peter Farrelly", "Bobby Farrelly"]],
  ["wachowski brothers", ["Lana Wachowski", "Lilly Wachowski"]],
  ["the wachowskis", ["Lana Wachowski", "Lilly Wachowski"]],
  ["wachowskis", ["Lana Wachowski", "Lilly Wachowski"]],
  ["russo brothers", ["Anthony Russo", "Joe Russo"]],
  ["hughes brothers", ["Albert Hughes", "Allen Hughes"]],
  ["safdie brothers", ["Josh Safdie", "Benny Safdie"]],
  ["duplass brothers", ["Jay Duplass", "Mark Duplass"]],
]);

/** The people a credit names: a team's members, else the name itself. */
export function teamMembers(name: string): readonly string[] {
  return TEAMS.get(nameKey(name)) ?? [name];
}

/** Per name key, how it is spelled most often; and DBpedia titles by role for disambiguated names. */
export class PersonNames {
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
