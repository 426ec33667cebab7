// Extract the "Numbers" sections of all Wikivoyage phrasebooks from an
// enwikivoyage pages-articles XML dump (plain or .bz2) into the JSON shape of
// data/numbers/numbers.json.
//
//   npx tsx scripts/numbers/extract.ts <enwikivoyage-...-pages-articles.xml[.bz2]> [out.json]
//
// The dump is streamed; .bz2 files are decompressed by the system's bzip2
// (or bunzip2), which must be installed.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { extractPhrasebookNumbers, formatRawNumbersData } from "@/lib/numbers/pipeline/dump";
import { readDumpText } from "@/lib/wikidump/read";
import type { RawNumbersData } from "@/lib/numbers/core/types";

const DEFAULT_OUTPUT = "data/numbers/numbers.json";
const USAGE = "usage: npx tsx scripts/numbers/extract.ts <enwikivoyage-...-pages-articles.xml[.bz2]> [out.json]";

export async function extractFromDumpFile(file: string): Promise<RawNumbersData> {
  return extractPhrasebookNumbers(readDumpText(file));
}

async function main(argv: string[]): Promise<void> {
  if (argv.length < 1 || argv.length > 2 || argv[0] === "--help" || argv[0] === "-h") {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const [input, output = DEFAULT_OUTPUT] = argv;
  const started = Date.now();
  const languages = await extractFromDumpFile(input);
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(output, formatRawNumbersData(languages));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${Object.keys(languages).length} phrasebooks with a Numbers section -> ${output} (${seconds} s)`);
}

// Run only as a script, so tests can import the helpers above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
