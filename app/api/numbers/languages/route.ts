import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { loadLanguages } from "@/lib/numbers/server/store";

export const dynamic = "force-dynamic";

/** Every compared language with its words for 1..10 (as the phrasebook gives them). */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const db = await getDatabase();
    const languages = await loadLanguages(db);
    return Response.json(languages.map(({ name, words }) => ({ name, words })));
  },
});
