import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { photosQuerySchema } from "@/lib/image-search/core/api-schema";
import { listPhotos } from "@/lib/image-search/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/image-search/photos?split=index|query|background&label=CLASS&cursor=ID&limit=48:
 * the collection's photos in id order (class, then file), a page at a time;
 * `nextCursor` is null on the last page.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { split, label, cursor, limit } = parseQuery(request, photosQuerySchema);
    const db = await getDatabase();
    return Response.json(await listPhotos(db, { split, label, cursor, limit }));
  },
});
