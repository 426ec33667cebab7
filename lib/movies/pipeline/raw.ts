// Reading the raw sources from disk (scripts and tests only; the server reads
// the compact files in data/movies/ through files.ts).

import fs from "node:fs";
import path from "node:path";

import { buildFromOriginal, buildFromPrust, parseOriginalLine, type BuildOptions, type BuildStats, type DbpediaEdge, type Prust2016Entry, type Prust2023Entry } from "./links";
import { wikiTitle } from "../core/text";
import type { LinkData, OriginalFilmLine } from "../core/types";

export interface PrustSources {
  entries2023: Prust2023Entry[];
  entries2016: Prust2016Entry[];
  dbpedia: DbpediaEdge[];
  files: string[];
}

/** "<http://dbpedia.org/resource/Alien_(film)> <...>" or bare URIs -> an edge with Wikipedia titles. */
export function parseDbpediaLine(line: string, property: string): DbpediaEdge | null {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2) return null;
  const tail = (uri: string) => wikiTitle(uri.replace(/^<|>$/g, "").replace(/^https?:\/\/(?:[a-z]+\.)?dbpedia\.org\/resource\//, ""));
  const film = tail(parts[0]);
  const object = tail(parts[1]);
  return film && object ? { property, film, object } : null;
}

/**
 * The raw movies folder: prust-2023/movies-*.json, prust-2016/movies.json and
 * dbpedia-ml1m/*.edgelist (each part optional except prust-2023).
 */
export function readPrustFolder(dir: string): PrustSources {
  const files: string[] = [];
  const dir2023 = path.join(dir, "prust-2023");
  if (!fs.existsSync(dir2023)) throw new Error(`no prust-2023/ folder in ${dir}`);
  const entries2023: Prust2023Entry[] = [];
  for (const name of fs.readdirSync(dir2023).filter((n) => /^movies.*\.json$/.test(n)).sort()) {
    files.push(path.join(dir2023, name));
    entries2023.push(...(JSON.parse(fs.readFileSync(path.join(dir2023, name), "utf8")) as Prust2023Entry[]));
  }
  const file2016 = path.join(dir, "prust-2016", "movies.json");
  let entries2016: Prust2016Entry[] = [];
  if (fs.existsSync(file2016)) {
    files.push(file2016);
    entries2016 = JSON.parse(fs.readFileSync(file2016, "utf8")) as Prust2016Entry[];
  }
  const dbpedia: DbpediaEdge[] = [];
  const dirDb = path.join(dir, "dbpedia-ml1m");
  if (fs.existsSync(dirDb)) {
    for (const name of fs.readdirSync(dirDb).filter((n) => n.endsWith(".edgelist")).sort()) {
      files.push(path.join(dirDb, name));
      const property = name.replace(/\.edgelist$/, "");
      for (const line of fs.readFileSync(path.join(dirDb, name), "utf8").split("\n")) {
        const edge = line.trim() ? parseDbpediaLine(line, property) : null;
        if (edge) dbpedia.push(edge);
      }
    }
  }
  return { entries2023, entries2016, dbpedia, files };
}

/** Lines of an original-format NDJSON file; blank lines are skipped, a bad line names its number. */
export function readOriginalNdjson(file: string): OriginalFilmLine[] {
  const out: OriginalFilmLine[] = [];
  const lines = fs.readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(parseOriginalLine(line));
    } catch (error) {
      throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
    }
  });
  return out;
}

/** Build link data from either source: a raw movies folder, or an original NDJSON file. */
export function buildFromSource(source: { folder: string } | { ndjson: string }, options: BuildOptions = {}): { data: LinkData; stats: BuildStats } {
  if ("ndjson" in source) return buildFromOriginal(readOriginalNdjson(source.ndjson), options);
  const raw = readPrustFolder(source.folder);
  return buildFromPrust(raw.entries2023, raw.entries2016, raw.dbpedia, options);
}
