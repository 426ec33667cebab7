import { apiRoute } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { movieThumbnails } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/movies/thumbnails: every film's poster URL (null when it has none), in the
 * order of /api/movies/map, for the map's optional poster images. Fetched only when the
 * visitor turns poster images on; same ETag / cache rules as the map.
 */
export const GET = apiRoute(async (request) => {
  const db = await getDatabase();
  const { body, etag } = await movieThumbnails(db);
  const headers = { ETag: etag, "Cache-Control": "public, max-age=3600, must-revalidate" };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json" } });
});
