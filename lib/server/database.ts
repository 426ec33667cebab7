import "server-only";
import { openDatabase, targetFromEnv, type Database } from "@/lib/db";
import { env } from "@/lib/env";
import { allSeedSteps } from "./seed-steps";

// One database per server process; kept on globalThis so Next's dev reloads reuse it
// (PGlite allows only one open instance per data directory).
const globalForDb = globalThis as unknown as { appDatabase?: Promise<Database> };

/** The app's database, ready to use: migrated and seeded with every demo's data. */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.appDatabase) {
    const e = env();
    globalForDb.appDatabase = openDatabase(targetFromEnv(e), { seedSteps: e.SKIP_SEED ? [] : allSeedSteps() }).catch((err) => {
      globalForDb.appDatabase = undefined; // let the next request try again
      throw err;
    });
  }
  return globalForDb.appDatabase;
}
