// The phrasebooks' "Numbers" sections from a Wikivoyage dump (scanned by lib/wikidump).

import { DumpPageScanner, type DumpPage } from "@/lib/wikidump/scanner";
import type { RawNumbersData } from "../core/types";
import { DEFAULT_MIN_SECTION_LINES, extractNumbersSection, phrasebookLanguage } from "./wikitext";

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
