import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { similarQuerySchema } from "@/lib/image-search/core/api-schema";
import { searchSimilar } from "@/lib/image-search/server/search";

export const dynamic = "force-dynamic";

/**
 * GET /api/image-search/similar?id=PHOTO_ID&k=10: search with a stored photo's vector (an
 * indexed photo is left out of its own results; held-out photos work too). Same answer
 * as POST /api/image-search/search plus `query`, the photo; `labels` are its stored ImageNet labels.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { id, k } = parseQuery(request, similarQuerySchema);
    const db = await getDatabase();
    return Response.json(await searchSimilar(db, id, { k }));
  },
});
