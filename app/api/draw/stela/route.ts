import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseJsonBody, parseQuery } from "@/lib/api/route";
import { stelaBodySchema } from "@/lib/draw/core/api-schema";
import { stelaPng } from "@/lib/draw/server/stela";

export const dynamic = "force-dynamic";

/** POST /api/draw/stela {"count": 1..64, "temperature": 0.1..2, "seed": int} -> image/png of generated glyphs on a stela. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    parseQuery(request, noQuerySchema);
    const body = await parseJsonBody(request, stelaBodySchema);
    const png = await stelaPng(body, request.signal);
    return new Response(png as BodyInit, { headers: { "content-type": "image/png", "cache-control": "no-store" } });
  },
});
