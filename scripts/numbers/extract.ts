// Extract the "Numbers" sections of all Wikivoyage phrasebooks from an
// enwikivoyage pages-articles XML dump (plain or .bz2) into the JSON shape of
// data/numbers/numbers.json.
//
//   npx tsx scripts/numbers/extract.ts <enwikivoyage-...-pages-articles.xml[.bz2]> [out.json]
//
// The dump is streamed; .bz2 files are decompressed by the system's bzip2
// (or bunzip2), which must be installed.

import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

import { extractPhrasebookNumbers, formatRawNumbersData } from "../../lib/numbers/dump";
import type { RawNumbersData } from "../../lib/numbers/types";

const DEFAULT_OUTPUT = "data/numbers/numbers.json";
const USAGE = "usage: npx tsx scripts/numbers/extract.ts <enwikivoyage-...-pages-articles.xml[.bz2]> [out.json]";

/** The first of bzip2 / bunzip2 that runs here, or null. */
export function findBzip2(): string | null {
  for (const command of ["bzip2", "bunzip2"]) {
    const probe = spawnSync(command, ["--help"], { stdio: "ignore" });
    if (!probe.error) return command;
  }
  return null;
}

/** The dump's text as a stream of UTF-8-decoded chunks. */
export async function* readDumpText(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new Error(`dump not found: ${file}`);
  if (!file.endsWith(".bz2")) {
    // setEncoding-style decoding keeps multi-byte characters split across chunks intact.
    yield* fs.createReadStream(file, { encoding: "utf8" });
    return;
  }
  const bzip2 = findBzip2();
  if (!bzip2) throw new Error("cannot read .bz2 dumps: neither bzip2 nor bunzip2 is installed (apt-get install bzip2), or decompress the dump first");
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(bzip2, ["-dc", file], { stdio: ["ignore", "pipe", "pipe"] });
  const exit = new Promise<void>((resolve, reject) => {
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${bzip2} failed (exit ${code}): ${stderr.trim()}`))));
  });
  // Surface a failure even if the consumer stops early.
  exit.catch(() => undefined);
  child.stdout.setEncoding("utf8");
  try {
    yield* child.stdout as AsyncIterable<string>;
    await exit;
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

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
