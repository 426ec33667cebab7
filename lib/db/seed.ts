import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectPath } from "@/lib/paths";
import type { Database } from "./connect";

/**
 * A demo's seeding step: loads its committed files from data/ into Postgres.
 * `run` must replace the step's rows wholesale, so re-running it is harmless.
 */
export interface SeedStep {
  name: string;
  /** Files (relative to the project root, or absolute) whose contents decide whether the step re-runs. */
  dataFiles: string[];
  /** Bump when the loading code changes in a way that needs a re-seed. */
  version: number;
  run(db: Database, progress: (line: string) => void): Promise<number>;
}

export function dataHash(step: SeedStep): string {
  const hash = crypto.createHash("sha256").update(`v${step.version}\n`);
  for (const file of [...step.dataFiles].sort()) {
    hash.update(file).update("\0").update(fs.readFileSync(/*turbopackIgnore: true*/ path.isAbsolute(file) ? file : projectPath(file)));
  }
  return hash.digest("hex");
}

export interface SeedReport {
  name: string;
  status: "seeded" | "up-to-date";
  rows: number;
  ms: number;
}

export async function runSeeds(
  db: Database,
  steps: SeedStep[],
  log: (line: string) => void = console.log,
): Promise<SeedReport[]> {
  const reports: SeedReport[] = [];
  for (const [i, step] of steps.entries()) {
    const started = Date.now();
    const prefix = `[seed ${i + 1}/${steps.length}] ${step.name}`;
    const hash = dataHash(step);
    const done = await db.prisma.seedStep.findUnique({ where: { name: step.name } });
    if (done?.dataHash === hash) {
      log(`${prefix}: up to date (${done.rowCount} rows)`);
      reports.push({ name: step.name, status: "up-to-date", rows: done.rowCount, ms: Date.now() - started });
      continue;
    }
    log(`${prefix}: seeding...`);
    const rows = await step.run(db, (line) => log(`${prefix}: ${line}`));
    await db.prisma.seedStep.upsert({
      where: { name: step.name },
      create: { name: step.name, dataHash: hash, rowCount: rows },
      update: { dataHash: hash, rowCount: rows, finishedAt: new Date() },
    });
    const ms = Date.now() - started;
    log(`${prefix}: ${rows} rows in ${(ms / 1000).toFixed(1)} s`);
    reports.push({ name: step.name, status: "seeded", rows, ms });
  }
  return reports;
}

/**
 * What identifies the data a seed step last loaded: its data hash and finish time, which
 * change on every re-seed (null when the step never ran). One primary-key lookup, so a
 * per-process cache of seeded data can check it on every request.
 */
export async function seedStamp(sql: Pick<Database, "sql">["sql"], stepName: string): Promise<string | null> {
  const [seeded] = await sql.query<{ data_hash: string; finished_at: Date | string }>(`SELECT data_hash, finished_at FROM seed_step WHERE name = $1`, [stepName]);
  return seeded ? `${seeded.data_hash}:${new Date(seeded.finished_at).getTime()}` : null;
}

/**
 * A per-process cache of something built from a seed step's data (a search index, a
 * catalogue), one per database, rebuilt when the step's stamp changes. Concurrent callers
 * share one build; a failed build is retried by the next caller.
 */
export function perSeedCache<T>(stepName: string, build: (db: Pick<Database, "sql">, stamp: string) => Promise<T>): (db: Pick<Database, "sql">) => Promise<T> {
  const cache = new WeakMap<Pick<Database, "sql">["sql"], { stamp: string; value: Promise<T> }>();
  return async (db) => {
    const stamp = (await seedStamp(db.sql, stepName)) ?? "unseeded";
    const cached = cache.get(db.sql);
    if (cached?.stamp === stamp) {
      const value = await cached.value.catch(() => undefined);
      if (value !== undefined) return value;
    }
    const value = build(db, stamp);
    cache.set(db.sql, { stamp, value });
    return value;
  };
}
