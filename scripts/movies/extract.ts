// Film articles of an English Wikipedia dump -> the original NDJSON format,
// one line per article with an {{Infobox film}}:
//   [title, {infobox props}, [outgoing link titles], "84%" | null, "6.9/10" | null]
//
//   npx tsx scripts/movies/extract.ts <enwiki-...-pages-articles.xml[.bz2]> [out.ndjson]
//
// The dump is streamed page by page (never loaded whole); .bz2 files go through
// the system's bzip2 (apt-get install bzip2). Then:
//   npx tsx scripts/movies/build-links.ts --ndjson out.ndjson

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { filmLineFromArticle } from "@/lib/movies/pipeline/wikitext";
import type { OriginalFilmLine } from "@/lib/movies/core/types";
import { DumpPageScanner } from "@/lib/wikidump/scanner";
import { consoleProgress } from "@/lib/progress";
import { readDumpText } from "@/lib/wikidump/read";

const USAGE = "usage: npx tsx scripts/movies/extract.ts <enwiki-...-pages-articles.xml[.bz2]> [out.ndjson]";

/** Main-namespace titles only (no "Talk:", "Category:", ...). */
function isArticleTitle(title: string): boolean {
  return !/^(?:Talk|User|User talk|Wikipedia|Wikipedia talk|File|File talk|MediaWiki|Template|Template talk|Help|Help talk|Category|Category talk|Portal|Portal talk|Draft|Draft talk|Module|Module talk|TimedText|Book|Education Program|Gadget|Gadget definition|Topic):/.test(title);
}

/** Streams chunks of dump XML and calls `onFilm` for every film article. Returns page and film counts. */
export async function extractFilms(chunks: AsyncIterable<string> | Iterable<string>, onFilm: (line: OriginalFilmLine) => void, onChunk?: (chars: number) => void): Promise<{ pages: number; films: number }> {
  const scanner = new DumpPageScanner(isArticleTitle);
  let pages = 0;
  let films = 0;
  for await (const chunk of chunks) {
    for (const page of scanner.push(chunk)) {
      pages++;
      const line = filmLineFromArticle(page.title, page.text);
      if (line) {
        films++;
        onFilm(line);
      }
    }
    onChunk?.(chunk.length);
  }
  scanner.finish();
  return { pages, films };
}

async function main(argv: string[]): Promise<void> {
  if (argv.length < 1 || argv.length > 2 || argv[0] === "--help" || argv[0] === "-h") {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const [input, output = "films.ndjson"] = argv;
  const started = Date.now();
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  const out = fs.createWriteStream(output);
  // Progress by input size for plain XML; a .bz2 only reports pages found.
  const size = fs.existsSync(input) ? fs.statSync(input).size : 0;
  const bar = input.endsWith(".bz2") ? null : consoleProgress("extract", size);
  let read = 0;
  let lastShown = 0;
  const counts = await extractFilms(
    readDumpText(input),
    (line) => {
      out.write(`${JSON.stringify(line)}\n`);
    },
    (chars) => {
      read += chars;
      if (bar && read - lastShown > size / 200) {
        lastShown = read;
        bar.update(Math.min(size, read));
      }
    },
  );
  bar?.update(size);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  console.log(`${counts.films} film articles of ${counts.pages} pages -> ${output} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
