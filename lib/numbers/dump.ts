// Reading a MediaWiki XML dump (pages-articles) as a stream of text chunks,
// one page at a time, so a dump of any size never sits in memory whole.
// A small hand-written scanner is enough: the export format puts every page
// in <page>...</page> and escapes `<` inside titles and texts, so these tags
// cannot appear in the content.

import type { RawNumbersData } from "./types";
import { DEFAULT_MIN_SECTION_LINES, extractNumbersSection, phrasebookLanguage } from "./wikitext";

export interface DumpPage {
  title: string;
  /** Wikitext of the (last) revision in the page; "" if it has none. */
  text: string;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decode the XML entities a dump uses (&amp; &lt; &gt; &quot; &apos; and &#...;) in one pass. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const codePoint = body[1] === "x" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

const PAGE_OPEN = "<page>";
const PAGE_CLOSE = "</page>";

function elementText(xml: string, tag: string): string | null {
  const open = xml.indexOf(`<${tag}>`);
  if (open < 0) return null;
  const start = open + tag.length + 2;
  const close = xml.indexOf(`</${tag}>`, start);
  return close < 0 ? null : xml.slice(start, close);
}

function lastRevisionText(xml: string): string {
  // <text bytes="..." xml:space="preserve">...</text>, or <text ... /> when empty.
  let text = "";
  const openings = /<text\b[^>]*?(\/?)>/g;
  for (let match = openings.exec(xml); match; match = openings.exec(xml)) {
    if (match[1] === "/") {
      text = "";
      continue;
    }
    const start = match.index + match[0].length;
    const close = xml.indexOf("</text>", start);
    if (close < 0) break;
    text = xml.slice(start, close);
    openings.lastIndex = close;
  }
  return decodeXmlEntities(text);
}

/**
 * Splits a stream of XML text into pages. Feed it chunks as they arrive
 * (split anywhere, even inside a tag or an entity); it returns the pages
 * completed so far. `keepPage` sees the title first, so skipped pages never
 * have their text decoded.
 */
export class DumpPageScanner {
  private buffer = "";
  private inPage = false;
  private searchFrom = 0;

  constructor(private readonly keepPage: (title: string) => boolean = () => true) {}

  push(chunk: string): DumpPage[] {
    this.buffer += chunk;
    const pages: DumpPage[] = [];
    for (;;) {
      if (!this.inPage) {
        const open = this.buffer.indexOf(PAGE_OPEN);
        if (open < 0) {
          // Keep a tail that could be the start of a split "<page>".
          this.buffer = this.buffer.slice(-(PAGE_OPEN.length - 1));
          break;
        }
        this.buffer = this.buffer.slice(open + PAGE_OPEN.length);
        this.inPage = true;
        this.searchFrom = 0;
      }
      const close = this.buffer.indexOf(PAGE_CLOSE, this.searchFrom);
      if (close < 0) {
        // Only the new part (plus a split "</page>") needs searching next time.
        this.searchFrom = Math.max(0, this.buffer.length - (PAGE_CLOSE.length - 1));
        break;
      }
      const page = this.readPage(this.buffer.slice(0, close));
      if (page) pages.push(page);
      this.buffer = this.buffer.slice(close + PAGE_CLOSE.length);
      this.inPage = false;
    }
    return pages;
  }

  /** Call at the end of the stream; throws if it stopped inside a page. */
  finish(): void {
    if (this.inPage) throw new Error("XML dump ended inside a <page> element (truncated file?)");
  }

  private readPage(xml: string): DumpPage | null {
    const rawTitle = elementText(xml, "title");
    if (rawTitle === null) return null;
    const title = decodeXmlEntities(rawTitle);
    if (!this.keepPage(title)) return null;
    return { title, text: lastRevisionText(xml) };
  }
}

export interface ExtractOptions {
  /** Skip sections shorter than this (default: the original's 11 lines). */
  minSectionLines?: number;
}

/**
 * The "Numbers" section lines of every phrasebook in a dump, keyed by
 * language (title without " phrasebook"), in dump order: the shape of
 * data/numbers/numbers.json. Pages without such a section are left out.
 */
export async function extractPhrasebookNumbers(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: ExtractOptions = {},
): Promise<RawNumbersData> {
  const minLines = options.minSectionLines ?? DEFAULT_MIN_SECTION_LINES;
  const sections = new Map<string, string[]>();
  const scanner = new DumpPageScanner((title) => phrasebookLanguage(title) !== null);
  const take = (pages: DumpPage[]) => {
    for (const page of pages) {
      const section = extractNumbersSection(page.text, minLines);
      if (section) sections.set(phrasebookLanguage(page.title)!, section);
    }
  };
  for await (const chunk of chunks) take(scanner.push(chunk));
  scanner.finish();
  // fromEntries defines own properties, so no title can reach Object.prototype.
  return Object.fromEntries(sections);
}

/**
 * JSON text for extracted sections: one language per line, so the file stays
 * compact (about a quarter smaller than indented JSON) and diffs stay readable.
 */
export function formatRawNumbersData(data: RawNumbersData): string {
  const entries = Object.entries(data).map(([language, lines]) => `${JSON.stringify(language)}:${JSON.stringify(lines)}`);
  return entries.length === 0 ? "{}\n" : `{\n${entries.join(",\n")}\n}\n`;
}
