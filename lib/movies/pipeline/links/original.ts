// Films and their links from the original NDJSON format (a Wikipedia dump's
// film articles, as scripts/movies/extract.ts writes them). Pure.

import { displayTitleOf, nameKey, wikiTitle } from "../../core/text";
import type { LinkData, LinkKind, OriginalFilmLine, RawFilm } from "../../core/types";
import { finishLinkData } from "./finish";
import type { BuildOptions, BuildStats } from "./types";

/** Infobox parameters -> the kind of the links that appear in them. */
const INFOBOX_KINDS: readonly (readonly [RegExp, LinkKind])[] = [
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
