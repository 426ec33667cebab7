// Film articles of a Wikipedia dump -> the original NDJSON line
// [title, {infobox props}, [outgoing link titles], "84%", "6.9/10"]:
// the `{{Infobox film}}` parameters as plain text, every [[wikilink]] target
// of the article, and the Rotten Tomatoes score if a paragraph gives one.

import type { OriginalFilmLine } from "../core/types";
import { upperFirst } from "../core/text";

/** Namespaces and interwiki prefixes whose links are not articles. */
const NON_ARTICLE = /^(?:file|image|category|wikipedia|wp|template|help|portal|special|media|draft|module|user|user talk|talk|mediawiki|book|timedtext|wikt|wiktionary|s|q|v|n|b|voy|commons|meta|species|d|mw|wikisource|wikiquote|wikinews|wikibooks|wikiversity|wikidata|[a-z]{2,3}(?:-[a-z]+)?)\s*:/i;

/** The text between `{{` + name and its matching `}}`, or null. Handles nested templates and links. */
export function findTemplate(text: string, name: string): string | null {
  const re = new RegExp(`\\{\\{\\s*${name.replace(/ /g, "[ _]+")}\\s*(?=[|}\\n])`, "i");
  const m = re.exec(text);
  if (!m) return null;
  let depth = 0;
  for (let i = m.index; i < text.length - 1; i++) {
    const two = text.slice(i, i + 2);
    if (two === "{{") {
      depth++;
      i++;
    } else if (two === "}}") {
      depth--;
      i++;
      if (depth === 0) return text.slice(m.index + m[0].length, i - 1);
    }
  }
  return null;
}

/** Splits template content at top-level `|` into named parameters (positional ones are skipped). */
export function templateParams(inner: string): Map<string, string> {
  const parts: string[] = [];
  let depthT = 0;
  let depthL = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const two = inner.slice(i, i + 2);
    if (two === "{{") {
      depthT++;
      i++;
    } else if (two === "}}") {
      depthT = Math.max(0, depthT - 1);
      i++;
    } else if (two === "[[") {
      depthL++;
      i++;
    } else if (two === "]]") {
      depthL = Math.max(0, depthL - 1);
      i++;
    } else if (inner[i] === "|" && depthT === 0 && depthL === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  const params = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (key) params.set(key, part.slice(eq + 1));
  }
  return params;
}

const LIST_TEMPLATES = /^(?:plainlist|plain list|ubl|unbulleted list|flatlist|hlist|bulleted list|ublist|collapsible list|film date|start date|release date|dts|nowrap|nobr|small|lang|nihongo|based on|sortname)$/i;

/** Wikitext -> plain text: links become their label, list templates their items, other templates vanish. */
export function stripCode(wikitext: string): string {
  let text = wikitext
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<ref[^>]*\/>/gi, "")
    .replace(/<ref[^>]*>[\s\S]*?<\/ref>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n");
  // Links, innermost first: [[target|label]] -> label, [[target]] -> target.
  for (let guard = 0; guard < 10 && text.includes("[["); guard++) {
    const next = text.replace(/\[\[([^[\]]*)\]\]/g, (_, body: string) => body.slice(body.lastIndexOf("|") + 1));
    if (next === text) break;
    text = next;
  }
  // Templates, innermost first.
  for (let guard = 0; guard < 50 && text.includes("{{"); guard++) {
    const next = text.replace(/\{\{([^{}]*)\}\}/g, (_, body: string) => {
      const [name, ...args] = body.split("|");
      if (!LIST_TEMPLATES.test(name.trim())) return "";
      const positional = args.filter((a) => !/^\s*[\w -]+\s*=/.test(a)).map((a) => a.trim()).filter(Boolean);
      return positional.join(/date|dts/i.test(name) ? " " : "\n");
    });
    if (next === text) break;
    text = next;
  }
  return text
    .replace(/\[(?:https?:)?\/\/\S+\s([^\]]*)\]/g, "$1")
    .replace(/\[(?:https?:)?\/\/\S+\]/g, "")
    .replace(/'{2,}/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/^\s*[*#:]\s*/gm, "")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** Article titles of all [[wikilinks]] (in order, with repeats), first letter upper-cased, no files or categories. */
export function outgoingLinks(wikitext: string): string[] {
  const out: string[] = [];
  const text = wikitext.replace(/<!--[\s\S]*?-->/g, "");
  for (const m of text.matchAll(/\[\[([^[\]|]+)(?:\|[^[\]]*)?\]\]/g)) {
    let target = m[1].replace(/_/g, " ").trim();
    if (target.startsWith(":")) target = target.slice(1).trim();
    if (!target || target.startsWith("#") || NON_ARTICLE.test(target)) continue;
    target = target.split("#")[0].replace(/\s+/g, " ").trim();
    if (target) out.push(upperFirst(target));
  }
  return out;
}

/** ("84%", "6.9/10") from the first paragraph that names Rotten Tomatoes and gives exactly one percentage. */
export function rottenTomatoes(wikitext: string): [string | null, string | null] {
  for (const paragraph of wikitext.split("\n\n")) {
    if (!paragraph.toLowerCase().includes("rotten tomatoes")) continue;
    const percents = paragraph.match(/\d\d?\d?%/g) ?? [];
    if (percents.length !== 1) continue;
    const rating = /\d\.\d\/\d+/.exec(paragraph);
    return [percents[0], rating ? rating[0] : null];
  }
  return [null, null];
}

/** The NDJSON line of a film article, or null when it has no {{Infobox film}}. */
export function filmLineFromArticle(title: string, wikitext: string): OriginalFilmLine | null {
  if (/^#redirect/i.test(wikitext.trimStart())) return null;
  const inner = findTemplate(wikitext, "Infobox film");
  if (inner === null) return null;
  const props: Record<string, string> = {};
  for (const [key, value] of templateParams(inner)) {
    const plain = stripCode(value);
    if (plain) props[key] = plain;
  }
  const [percent, rating] = rottenTomatoes(wikitext);
  return [title, props, outgoingLinks(wikitext), percent, rating];
}
