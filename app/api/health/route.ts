import { getDatabase } from "@/lib/server/database";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Liveness plus what the database holds: which backend, migrations, seeding steps. */
export const GET = apiRoute(async () => {
  const db = await getDatabase();
  const migrations = await db.sql.query<{ name: string }>(`SELECT name FROM "_app_migrations" ORDER BY name`);
  const seeds = await db.prisma.seedStep.findMany({ orderBy: { name: "asc" } });
  return Response.json({
    ok: true,
    database: { backend: db.sql.backend, description: db.description },
    migrations: migrations.map((m) => m.name),
    seeds: seeds.map((s) => ({ name: s.name, rows: s.rowCount, finishedAt: s.finishedAt })),
  });
});
