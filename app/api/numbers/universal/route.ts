import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { loadUniversal } from "@/lib/numbers/server/store";

export const dynamic = "force-dynamic";

/** The universal numbers: for each of 1..10 the word closest to all languages, and its language. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    return Response.json(await loadUniversal(db));
  },
});
