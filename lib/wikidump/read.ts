// Node only: a dump file's text as a stream of UTF-8 chunks; .bz2 through the system bzip2.
import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import fs from "node:fs";
import type { Readable } from "node:stream";

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
