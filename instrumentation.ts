// Runs once when the server starts: installs the API's HTTP-level guard (TRACE, malformed
// /api/ paths: lib/api/http-guard.ts), then migrates and seeds before the first request,
// printing a progress line per step (see lib/db/seed.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installApiHttpGuard } = await import("@/lib/api/http-guard");
  installApiHttpGuard();
  const { getDatabase } = await import("@/lib/server/database");
  try {
    const db = await getDatabase();
    // Not awaited: the server answers while caches fill; a request that needs one waits for it.
    const { warmCaches } = await import("@/lib/server/warm");
    void warmCaches(db);
  } catch (err) {
    // Keep serving: pages that need the database will show the error; others still work.
    console.error("[db] could not open the database at start:", err);
  }
  // Auto lights: a monitor runs only when the LIGHTS_* variables ask for one; it never throws.
  const { startServerMonitor } = await import("@/lib/lights/server/server");
  void startServerMonitor();
}
