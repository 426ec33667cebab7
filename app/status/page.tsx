import type { Metadata } from "next";
import { TfBackendCheck } from "@/components/status/TfBackendCheck";
import { getDatabase } from "@/lib/server/database";
import { BROWSER_EMBED_BACKENDS, DEFAULT_BROWSER_BACKEND } from "@/lib/image-search/core/api-schema";
import { serverEmbedStatus } from "@/lib/image-search/server/embed";

export const metadata: Metadata = { title: "System check" };
export const dynamic = "force-dynamic";

/** What this installation runs on: the database and its seeded data, the image-vector engines, and the browser's tfjs backend. */
export default async function StatusPage() {
  const db = await getDatabase();
  const migrations = await db.sql.query<{ name: string; applied_at: Date }>(
    `SELECT name, applied_at FROM "_app_migrations" ORDER BY name`,
  );
  const seeds = await db.prisma.seedStep.findMany({ orderBy: { name: "asc" } });
  const embed = serverEmbedStatus();
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
      <h2>Image vectors (reverse image search)</h2>
      <dl className="facts">
        <dt>In the browser</dt>
        <dd data-testid="embed-browser">
          {DEFAULT_BROWSER_BACKEND} (a web worker; <code>/image-search?backend=</code>
          {BROWSER_EMBED_BACKENDS.filter((b) => b !== DEFAULT_BROWSER_BACKEND).join(" or ")} picks another)
        </dd>
        <dt>On the server (uploads)</dt>
        <dd data-testid="embed-server">
          {embed.default}
          {embed.loaded.length ? ` (loaded: ${embed.loaded.join(", ")})` : " (loads on the first upload)"}; <code>?backend=</code> on
          an upload picks the other
        </dd>
      </dl>
      <h2>TensorFlow.js in this browser</h2>
      <TfBackendCheck />
    </section>
  );
}
