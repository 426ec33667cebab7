// Reading a MediaWiki XML dump (pages-articles) as a stream of text chunks,
// one page at a time, so a dump of any size never sits in memory whole.
// A small hand-written scanner is enough: the export format puts every page
// in <page>...</page> and escapes `<` inside titles and texts, so these tags
// cannot appear in the content. Shared by the numbers and movies extractors.

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
