import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseJsonBody, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { tasteBodySchema } from "@/lib/movies/core/api-schema";
import { tasteRankingJson } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/**
 * POST /api/movies/taste {"liked": [titles], "disliked": [titles], "k"?: 10}: a logistic
 * regression on the film vectors ranks the catalogue; the best and worst k (input films
 * excluded). Unknown titles -> 400 unknown_titles naming them.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    parseQuery(request, noQuerySchema);
    const { liked, disliked, k } = await parseJsonBody(request, tasteBodySchema, 100_000);
    const db = await getDatabase();
    return new Response(await tasteRankingJson(db, liked, disliked, k), { headers: { "content-type": "application/json" } });
  },
});
