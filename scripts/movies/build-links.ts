// Build each film's outgoing links and write data/movies/{movies.json, links.json, pairs.bin}.
//
//   npx tsx scripts/movies/build-links.ts <raw movies folder> [--out data/movies] [--min-links 6] [--max-films 20000]
//   npx tsx scripts/movies/build-links.ts --ndjson <films.ndjson> [--out ...]
//
// The raw folder holds prust-2023/, prust-2016/ and dbpedia-ml1m/ (see data/movies/README.md);
// the NDJSON file is the original format, e.g. written by scripts/movies/extract.ts from a dump.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { saveLinkData } from "@/lib/movies/pipeline/files";
import { buildFromSource } from "@/lib/movies/pipeline/raw";

const USAGE = "usage: npx tsx scripts/movies/build-links.ts (<raw movies folder> | --ndjson <file>) [--out dir] [--min-links N] [--min-films N] [--max-films N]";

export function parseArgs(argv: string[]): { source: { folder: string } | { ndjson: string }; out: string; minLinks: number; minFilms: number; maxFilms?: number } {
  let folder: string | undefined;
  let ndjson: string | undefined;
  let out = "data/movies";
  let minLinks = 6;
  let minFilms = 3;
  let maxFilms: number | undefined = 20000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--ndjson") ndjson = next();
    else if (a === "--out") out = next();
    else if (a === "--min-links") minLinks = Number(next());
    else if (a === "--min-films") minFilms = Number(next());
    else if (a === "--max-films") maxFilms = next() === "all" ? undefined : Number(argv[i]);
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else folder = a;
  }
  if (!folder && !ndjson) throw new Error(USAGE);
  return { source: ndjson ? { ndjson } : { folder: folder! }, out, minLinks, minFilms, maxFilms };
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const args = parseArgs(argv);
  const where = "ndjson" in args.source ? args.source.ndjson : args.source.folder;
  if (!fs.existsSync(where)) throw new Error(`not found: ${where}`);
  const started = Date.now();
  console.error(`[movies] building links from ${where} ...`);
  const { data, stats } = buildFromSource(args.source, { minLinksPerFilm: args.minLinks, minFilmsPerLink: args.minFilms, maxFilms: args.maxFilms });
  const sizes = saveLinkData(data, args.out);
  fs.writeFileSync(path.join(args.out, "build-stats.json"), `${JSON.stringify({ source: "ndjson" in args.source ? "ndjson" : "prust+dbpedia", options: { minLinks: args.minLinks, minFilms: args.minFilms, maxFilms: args.maxFilms ?? null }, ...stats }, null, 1)}\n`);
  console.log(`${stats.films} films, ${stats.links} links, ${stats.pairs} pairs (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const [file, bytes] of Object.entries(sizes)) console.log(`  ${path.join(args.out, file)}  ${(bytes / 1024).toFixed(0)} KiB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
