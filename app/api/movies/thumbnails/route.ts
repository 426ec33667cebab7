import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, cachedJsonResponse, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { movieThumbnails } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/movies/thumbnails: every film's poster URL (null when it has none), in the
 * order of /api/movies/map, for the map's optional poster images. Fetched only when the
 * visitor turns poster images on; same ETag / cache rules as the map.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    const { body, etag } = await movieThumbnails(db);
    return cachedJsonResponse(request, body, etag, "public, max-age=3600, must-revalidate");
  },
});
