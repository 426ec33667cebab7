/**
 * Seeding speed: `npm run bench -- seed [--backend pglite|postgres] [--rounds N]`.
 *
 * The timings the tests used to assert (and no longer do, as a shared CPU made them
 * flaky without making them meaningful): computing the numbers result, storing it, and
 * each demo's whole seed step on a fresh database, on PGlite and (with DATABASE_URL) on
 * PostgreSQL. Baseline, measured in the same run: opening a fresh database and applying
 * the migrations. Prints the median of N rounds in ms and as a ratio to the baseline.
 */
import fs from "node:fs";
import type { Database } from "@/lib/db";
import { runSeeds, type SeedStep } from "@/lib/db/seed";
import { imageSearchSeedStep } from "@/lib/image-search/server/seed-step";
import { moviesSeedStep } from "@/lib/movies/server/seed-step";
import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { numbersSeedStep } from "@/lib/numbers/server/seed-step";
import { storeNumbersResult } from "@/lib/numbers/server/store";
import { projectPath } from "@/lib/paths";
import { availableDatabaseTargets, dropTestDatabases, openTestDatabase, type TestDatabaseBackend } from "@/tests/helpers/databases";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export default async function main(args: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const rounds = Math.max(1, Number(arg("rounds") ?? 3));
  const only = arg("backend")?.toLowerCase();
  const backends = availableDatabaseTargets().filter((b: TestDatabaseBackend) => !only || b.label.toLowerCase().includes(only));
  const raw = JSON.parse(fs.readFileSync(projectPath("data/numbers/numbers.json"), "utf8"));
  console.log(`seed: ${rounds} round(s) per measurement, backends: ${backends.map((b) => b.label).join(", ")}`);

  const rows: { what: string; ms: number[] }[] = [];
  const record = (what: string, ms: number) => {
    let row = rows.find((r) => r.what === what);
    if (!row) rows.push((row = { what, ms: [] }));
    row.ms.push(ms);
  };

  for (let round = 0; round < rounds; round++) {
    const { ms, value: result } = await timed(() => computeNumbersResult(raw));
    record("numbers: compute the result (no database)", ms);
    for (const backend of backends) {
      const steps: [string, SeedStep][] = [
        ["numbers", numbersSeedStep],
        ["movies", moviesSeedStep],
        ["image-search", imageSearchSeedStep],
      ];
      for (const [name, step] of steps) {
        const open = await timed(() => openTestDatabase(backend));
        const db: Database = open.value;
        record(`${backend.label}: open + migrate a fresh database (baseline)`, open.ms);
        try {
          const seeded = await timed(() => runSeeds(db, [step], () => undefined));
          record(`${backend.label}: ${name} seed step (${seeded.value[0]?.rows ?? "?"} rows)`, seeded.ms);
          if (name === "numbers") record(`${backend.label}: numbers store alone (2775 pairs)`, (await timed(() => storeNumbersResult(db, result))).ms);
        } finally {
          await db.close();
        }
      }
    }
    await dropTestDatabases();
  }

  console.log("\n| what | median ms | / baseline |\n|---|---|---|");
  for (const row of rows) {
    const label = row.what.split(":")[0];
    const baselineRow = rows.find((r) => r.what === `${label}: open + migrate a fresh database (baseline)`) ?? rows.find((r) => r.what.endsWith("(baseline)"));
    const base = baselineRow ? median(baselineRow.ms) : NaN;
    console.log(`| ${row.what} | ${median(row.ms).toFixed(0)} | ${(median(row.ms) / base).toFixed(2)}x |`);
  }
}
