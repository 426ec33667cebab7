// Finding the "Numbers" section of a Wikivoyage phrasebook in its wikitext.

/** The original extractor skipped sections of 10 lines or fewer. */
export const DEFAULT_MIN_SECTION_LINES = 11;

const PHRASEBOOK_SUFFIX = " phrasebook";

export interface WikiHeading {
  /** 1 for `=x=`, 2 for `==x==`, ... (at most 6, as MediaWiki). */
  level: number;
  title: string;
}

/**
 * A heading line, or null. As MediaWiki does, the level is the smaller of the
 * `=` runs on both ends and any extra `=` belong to the title; trailing
 * spaces are allowed and the title is trimmed.
 */
export function parseHeading(line: string): WikiHeading | null {
  const match = /^(=+)(.+?)(=+)[ \t]*$/.exec(line);
  if (!match) return null;
  const level = Math.min(match[1].length, match[3].length, 6);
  const title = ("=".repeat(match[1].length - level) + match[2] + "=".repeat(match[3].length - level)).trim();
  return title ? { level, title } : null;
}

/**
 * The lines of the first "Numbers" section (any heading level, any case),
 * without its heading, up to the next heading of the same or a higher level;
 * subsection headings inside it are kept as lines. Null if there is no such
 * section or it has fewer than `minLines` lines.
 */
export function extractNumbersSection(wikitext: string, minLines: number = DEFAULT_MIN_SECTION_LINES): string[] | null {
  const lines = wikitext.split("\n");
  let sectionLevel = 0;
  const section: string[] = [];
  for (const line of lines) {
    const heading = parseHeading(line);
    if (sectionLevel === 0) {
      if (heading && heading.title.toLowerCase() === "numbers") sectionLevel = heading.level;
      continue;
    }
    if (heading && heading.level <= sectionLevel) break;
    section.push(line);
  }
  if (sectionLevel === 0 || section.length < minLines) return null;
  return section;
}

/** "Portuguese phrasebook" -> "Portuguese"; null for other titles. */
export function phrasebookLanguage(title: string): string | null {
  if (!title.endsWith(PHRASEBOOK_SUFFIX)) return null;
  const language = title.slice(0, -PHRASEBOOK_SUFFIX.length).trim();
  return language || null;
}
