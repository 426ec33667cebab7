import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { loadTree } from "@/lib/numbers/server/store";

export const dynamic = "force-dynamic";

/** The language tree: nested `{ name?, children? }`, leaves named. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    return Response.json(await loadTree(db));
  },
});
