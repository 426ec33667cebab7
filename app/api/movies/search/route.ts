import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { searchQuerySchema } from "@/lib/movies/core/api-schema";
import { searchMovies } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/** GET /api/movies/search?q=TEXT: up to 7 films whose title has words starting with the query's words (or the year), exact title first, then title prefix, then the rest, each best known first. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { q } = parseQuery(request, searchQuerySchema);
    const db = await getDatabase();
    return Response.json({ query: q, results: await searchMovies(db, q) });
  },
});
