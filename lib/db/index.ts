// The database layer: connection (PGlite or PostgreSQL), migrations and the seed runner.
// It knows no demo: the seed steps to run are passed in (lib/server/seed-steps.ts lists them).
import "server-only";
import { env, pgliteDir, type Env } from "@/lib/env";
import { connect, type Database, type DatabaseTarget } from "./connect";
import { migrate } from "./migrate";
import { runSeeds, type SeedStep } from "./seed";

export type { Database } from "./connect";
export type { SqlClient } from "./sql";
export type { SeedStep } from "./seed";

/** Only the SQL client, for code that needs nothing else of the database. */
export type SqlDb = Pick<Database, "sql">;

export function targetFromEnv(e: Env = env()): DatabaseTarget {
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: pgliteDir(e) };
}

/** Connects, applies pending migrations and runs the given seed steps (none by default). */
export async function openDatabase(
  target: DatabaseTarget,
  options: { seedSteps?: readonly SeedStep[]; log?: (line: string) => void } = {},
): Promise<Database> {
  const log = options.log ?? console.log;
  const db = await connect(target);
  try {
    log(`[db] using ${db.description}`);
    await migrate(db.sql, undefined, log);
    if (options.seedSteps?.length) await runSeeds(db, [...options.seedSteps], log);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
