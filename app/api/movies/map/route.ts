import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, cachedJsonResponse, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { movieMap } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/movies/map: every film's poster cell, cluster, title and year as parallel arrays
 * (position order = best known first). Changes only on a re-seed, so it carries an ETag
 * (If-None-Match -> 304) and may be cached for an hour. A client that accepts gzip gets the
 * body gzipped once per seed (a browser does; the megabyte is then ~0.2 MB and no per-request work).
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    const { body, gzip, etag } = await movieMap(db);
    const response = cachedJsonResponse(request, body, etag, "public, max-age=3600, must-revalidate");
    if (response.status !== 200 || !/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) return response;
    const headers = new Headers(response.headers);
    headers.set("Content-Encoding", "gzip");
    headers.set("Vary", "Accept-Encoding");
    return new Response(gzip as BodyInit, { headers });
  },
});
