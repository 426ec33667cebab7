import { apiMethods, parseQuery } from "@/lib/api/route";
import { songSearchQuerySchema } from "@/lib/radio/core/api-schema";
import { searchSongs } from "@/lib/radio/server/store";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/**
 * GET /api/radio/songs?q=TEXT: up to 10 songs { id, title, artist } whose title (then title
 * and artist) has words starting with the query's words, most played first, and up to 5
 * matching artists (for an artist radio).
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { q } = parseQuery(request, songSearchQuerySchema);
    const db = await getDatabase();
    return Response.json(await searchSongs(db, q));
  },
});
