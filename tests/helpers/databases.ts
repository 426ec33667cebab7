import pg from "pg";
import type { DatabaseTarget } from "@/lib/db/connect";
import { openDatabase, type Database } from "@/lib/db";

/**
 * The database backends integration tests run against: embedded PGlite always, and a
 * PostgreSQL server when DATABASE_URL is set (then each test file gets a fresh database
 * on that server, dropped afterwards, so runs never see each other's rows).
 */
export interface TestDatabaseBackend {
  label: string;
  /** Set when this backend cannot run here; tests should skip and show the reason. */
  skipReason?: string;
  /** A fresh, empty database target. */
  target: () => Promise<DatabaseTarget>;
}

const created: { admin: string; name: string }[] = [];

async function freshPostgresDatabase(serverUrl: string): Promise<DatabaseTarget> {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  created.push({ admin: serverUrl, name });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { kind: "postgres", url: url.toString() };
}

/** Drops the databases this process created (call from afterAll; safe to call twice). */
export async function dropTestDatabases() {
  for (const { admin, name } of created.splice(0)) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}

export function databaseTargets(): TestDatabaseBackend[] {
  const serverUrl = process.env.DATABASE_URL;
  return [
    { label: "PGlite (embedded)", target: async () => ({ kind: "pglite" }) },
    {
      label: "PostgreSQL server",
      skipReason: serverUrl ? undefined : "DATABASE_URL is not set",
      target: () => freshPostgresDatabase(serverUrl!),
    },
  ];
}

/**
 * The backends that can run here, each opened as a fresh, migrated, unseeded database.
 * No vitest import in this file, so the benchmarks use it too; close the database, then
 * call dropTestDatabases() when done.
 */
export function availableDatabaseTargets(): TestDatabaseBackend[] {
  return databaseTargets().filter((backend) => !backend.skipReason);
}

export async function openTestDatabase(backend: TestDatabaseBackend): Promise<Database> {
  return openDatabase(await backend.target(), { log: () => undefined });
}
