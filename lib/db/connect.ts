import "server-only";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { SqlClient } from "./sql";

export interface Database {
  prisma: PrismaClient;
  sql: SqlClient;
  /** Human-readable: "embedded PGlite at .data/pglite" or "PostgreSQL at host/db". */
  description: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "pglite"; dataDir?: string } // dataDir undefined = in memory
  | { kind: "postgres"; url: string };

function pgliteSql(db: PGlite): SqlClient {
  const client = (q: Pick<PGlite, "query" | "exec">): SqlClient => ({
    backend: "pglite",
    async query<Row>(text: string, params: unknown[] = []) {
      return (await q.query<Row>(text, params)).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
    transaction: (fn) => db.transaction((tx) => fn(client(tx))),
  });
  return client(db);
}

function postgresSql(pool: pg.Pool): SqlClient {
  const onClient = (c: pg.Pool | pg.PoolClient, inTx: boolean): SqlClient => ({
    backend: "postgres",
    async query<Row>(text: string, params: unknown[] = []) {
      return (await c.query(text, params)).rows as Row[];
    },
    async exec(text: string) {
      await c.query(text);
    },
    async transaction(fn) {
      if (inTx) return fn(onClient(c, true));
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        const result = await fn(onClient(conn, true));
        await conn.query("COMMIT");
        return result;
      } catch (err) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
  });
  return onClient(pool, false);
}

// bytea and cube come back as Buffer/string from node-postgres; PGlite gives Uint8Array.
// Callers treat both as Uint8Array, so nothing else needs converting.

export async function connect(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "pglite") {
    if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
    const pglite = await PGlite.create(target.dataDir, { extensions: { cube } });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      sql: pgliteSql(pglite),
      description: target.dataDir ? `embedded PGlite at ${target.dataDir}` : "embedded PGlite in memory",
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 8 });
  // A dropped idle connection must not crash the server.
  pool.on("error", (err) => console.error("[db] idle PostgreSQL connection error:", err.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  const url = new URL(target.url);
  return {
    prisma,
    sql: postgresSql(pool),
    description: `PostgreSQL at ${url.hostname}${url.port ? ":" + url.port : ""}${url.pathname}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
