import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectPath } from "@/lib/paths";
import type { SqlClient } from "./sql";

/**
 * Applies prisma/migrations/<stamp>_<name>/migration.sql in order and records each in
 * `_app_migrations`. Our own migrator because the Prisma CLI's native schema engine
 * cannot be downloaded offline; the layout stays Prisma's so the CLI works where it can.
 */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = projectPath("prisma", "migrations");

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

// Any constant works; it serialises migrators that share one PostgreSQL server.
const MIGRATION_LOCK_ID = 724_017_2017;

export async function migrate(
  sql: SqlClient,
  migrations: Migration[] = readMigrations(),
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  return sql.transaction(async (tx) => {
    if (tx.backend === "postgres") await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_ID]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS "_app_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const applied = new Map(
      (await tx.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_app_migrations"`)).map(
        (r) => [r.name, r.checksum],
      ),
    );
    const ran: string[] = [];
    for (const m of migrations) {
      const seen = applied.get(m.name);
      if (seen !== undefined) {
        if (seen !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied; add a new migration instead of editing it.`,
          );
        }
        continue;
      }
      log(`[db] applying migration ${m.name}`);
      await tx.exec(m.sql);
      await tx.query(`INSERT INTO "_app_migrations" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
      ran.push(m.name);
    }
    return ran;
  });
}
