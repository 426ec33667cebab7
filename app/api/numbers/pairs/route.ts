import { invalidInput } from "@/lib/errors";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { pairsQuerySchema } from "@/lib/numbers/core/api-schema";
import { countPairs, loadPairs } from "@/lib/numbers/server/store";

export const dynamic = "force-dynamic";

/** `?limit=N` (default 100, at most every pair): the most similar language pairs, best first. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { limit } = parseQuery(request, pairsQuerySchema);
    const db = await getDatabase();
    const total = await countPairs(db);
    if (limit > total) throw invalidInput("invalid_query", `limit: must be at most ${total} (all pairs)`);
    const pairs = await loadPairs(db, limit);
    return Response.json(pairs.map(({ a, b, score }) => ({ a, b, score })));
  },
});
