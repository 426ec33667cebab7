import "server-only";
import type { SqlDb } from "@/lib/db";
import { warmServerEmbedder } from "@/lib/image-search/server/embed";
import { warmFilmSearch } from "@/lib/movies/server/store";
import { warmRadioCatalogue } from "@/lib/radio/server/store";

/**
 * Per-process caches worth filling at server start instead of on a visitor's first
 * request. Each runs on its own; a failure is logged and the cache fills on first use.
 */
const warmers: { name: string; warm: (db: SqlDb) => Promise<void> }[] = [
  { name: "film search", warm: warmFilmSearch },
  { name: "radio catalogue", warm: warmRadioCatalogue },
  { name: "image vectors (ONNX Runtime)", warm: warmServerEmbedder },
];

export async function warmCaches(db: SqlDb, log: (line: string) => void = console.log): Promise<void> {
  for (const { name, warm } of warmers) {
    const started = Date.now();
    try {
      await warm(db);
      log(`[warm] ${name} in ${Date.now() - started} ms`);
    } catch (err) {
      console.error(`[warm] ${name} failed (it loads on first use instead):`, err);
    }
  }
}
