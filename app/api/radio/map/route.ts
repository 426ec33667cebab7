import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, cachedJsonResponse, parseQuery } from "@/lib/api/route";
import { radioMap } from "@/lib/radio/server/store";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/**
 * GET /api/radio/map: every song's map position and colour tag as parallel arrays (most
 * played first) with the colour legend. Changes only on a re-seed: ETag + 304.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    const { body, etag } = await radioMap(db);
    return cachedJsonResponse(request, body, etag, "public, max-age=3600, must-revalidate");
  },
});
