import type { Metadata } from "next";
import { TfBackendCheck } from "@/components/status/TfBackendCheck";
import { getDatabase } from "@/lib/server/database";

export const metadata: Metadata = { title: "System check" };
export const dynamic = "force-dynamic";

/** What this installation runs on: the database and its seeded data, and the browser's tfjs backend. */
export default async function StatusPage() {
  const db = await getDatabase();
  const migrations = await db.sql.query<{ name: string; applied_at: Date }>(
    `SELECT name, applied_at FROM "_app_migrations" ORDER BY name`,
  );
  const seeds = await db.prisma.seedStep.findMany({ orderBy: { name: "asc" } });
  return (
    <section className="intro">
      <h1>System check</h1>
      <h2>Database</h2>
      <dl className="facts">
        <dt>Backend</dt>
        {/* The kind only: db.description names the data directory or host, which visitors need not see. */}
        <dd data-testid="db-backend">{db.sql.backend === "pglite" ? "embedded PGlite" : "PostgreSQL"}</dd>
        <dt>Migrations</dt>
        <dd>{migrations.map((m) => m.name).join(", ")}</dd>
        <dt>Seeded data</dt>
        <dd>{seeds.length === 0 ? "none yet" : seeds.map((s) => `${s.name} (${s.rowCount} rows)`).join(", ")}</dd>
      </dl>
      <h2>TensorFlow.js in this browser</h2>
      <TfBackendCheck />
    </section>
  );
}
