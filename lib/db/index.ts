import { env, pgliteDir, type Env } from "@/lib/env";
import { connect, type Database, type DatabaseTarget } from "./connect";
import { migrate } from "./migrate";
import { runSeeds } from "./seed";
import { seedSteps } from "./seed-steps";

export type { Database } from "./connect";
export type { SqlClient } from "./sql";

export function targetFromEnv(e: Env = env()): DatabaseTarget {
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: pgliteDir(e) };
}

/** Connects, applies pending migrations and (unless told not to) seeds. */
export async function openDatabase(
  target: DatabaseTarget,
  options: { seed?: boolean; log?: (line: string) => void } = {},
): Promise<Database> {
  const log = options.log ?? console.log;
  const db = await connect(target);
  try {
    log(`[db] using ${db.description}`);
    await migrate(db.sql, undefined, log);
    if (options.seed ?? true) await runSeeds(db, seedSteps, log);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

// One database per server process; kept on globalThis so Next's dev reloads reuse it
// (PGlite allows only one open instance per data directory).
const globalForDb = globalThis as unknown as { appDatabase?: Promise<Database> };

/** The app's database, ready to use (migrated and seeded). */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.appDatabase) {
    const e = env();
    globalForDb.appDatabase = openDatabase(targetFromEnv(e), { seed: !e.SKIP_SEED }).catch((err) => {
      globalForDb.appDatabase = undefined; // let the next request try again
      throw err;
    });
  }
  return globalForDb.appDatabase;
}
