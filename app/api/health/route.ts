import { getDatabase } from "@/lib/server/database";
import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { busy } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Liveness plus what the database holds: which backend, migrations, seeding steps. A
 * database that cannot be opened or queried -> 503 database_unavailable (logged).
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    let db, migrations, seeds;
    try {
      db = await getDatabase();
      migrations = await db.sql.query<{ name: string }>(`SELECT name FROM "_app_migrations" ORDER BY name`);
      seeds = await db.prisma.seedStep.findMany({ orderBy: { name: "asc" } });
    } catch (err) {
      console.error("[api] /api/health: the database is unavailable:", err);
      throw busy("database_unavailable", "The database is unavailable; try again later.");
    }
    return Response.json({
      ok: true,
      database: { backend: db.sql.backend, description: db.description },
      migrations: migrations.map((m) => m.name),
      seeds: seeds.map((s) => ({ name: s.name, rows: s.rowCount, finishedAt: s.finishedAt })),
    });
  },
});
