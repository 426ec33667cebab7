import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { similarQuerySchema } from "@/lib/movies/core/api-schema";
import { similarMoviesJson } from "@/lib/movies/server/store";

export const dynamic = "force-dynamic";

/**
 * GET /api/movies/similar?title=WIKIPEDIA_TITLE&k=10: the film and its k nearest films by
 * cosine of the link embedding. Unknown title -> 404 unknown_title with `details.suggestions`.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { title, k } = parseQuery(request, similarQuerySchema);
    const db = await getDatabase();
    // The body is kept per (title, k) as JSON text: a repeated request is a map lookup.
    return new Response(await similarMoviesJson(db, title, k), { headers: { "content-type": "application/json" } });
  },
});
