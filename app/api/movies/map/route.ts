import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, cachedJsonResponse, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { movieMap } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/movies/map: every film's poster cell, cluster, title and year as parallel arrays
 * (position order = best known first). Changes only on a re-seed, so it carries an ETag
 * (If-None-Match -> 304) and may be cached for an hour.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    const { body, etag } = await movieMap(db);
    return cachedJsonResponse(request, body, etag, "public, max-age=3600, must-revalidate");
  },
});
