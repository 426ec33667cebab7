/**
 * `npm run bench -- <name> [args]` (= `tsx bench/run.ts <name> [args]`): runs
 * bench/<name>.ts, whose default export (or `main`) takes the remaining arguments.
 * Without a name, lists the benchmarks there are.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type BenchMain = (args: string[]) => unknown;

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function availableBenchmarks(): string[] {
  return fs
    .readdirSync(benchDir)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const names = availableBenchmarks();
  if (!name || name === "--help" || name === "-h") {
    console.log(`usage: npm run bench -- <name> [args]\n\nbenchmarks:\n${names.map((n) => `  ${n}`).join("\n") || "  (none)"}`);
    process.exitCode = name ? 0 : 1;
    return;
  }
  if (!names.includes(name)) {
    console.error(`no benchmark "${name}"; there are: ${names.join(", ") || "none"}`);
    process.exitCode = 1;
    return;
  }
  const mod = (await import(pathToFileURL(path.join(benchDir, `${name}.ts`)).href)) as { default?: BenchMain; main?: BenchMain };
  const run = mod.default ?? mod.main;
  if (typeof run !== "function") {
    console.error(`bench/${name}.ts exports neither a default function nor main()`);
    process.exitCode = 1;
    return;
  }
  await run(args);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
