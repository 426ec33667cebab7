import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseJsonBody, parseQuery } from "@/lib/api/route";
import { toRows } from "@/lib/draw/core/bitmap";
import { sampleBodySchema, type SampleResponse } from "@/lib/draw/core/api-schema";
import { sampleModel } from "@/lib/draw/server/models";

export const dynamic = "force-dynamic";

/**
 * POST /api/draw/sample {"model": "icons8"|"icons32"|"glyphs", "count": 1..64, "temperature": 0.1..2, "seed": int}
 * -> {"samples": [{"size", "rows": ["0101..."]}], "rejected"}: the same seed gives the same samples.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    parseQuery(request, noQuerySchema);
    const { model, ...opts } = await parseJsonBody(request, sampleBodySchema);
    const { bitmaps, rejected } = await sampleModel(model, opts, request.signal);
    const body: SampleResponse = { samples: bitmaps.map((b) => ({ size: b.size as 8 | 32, rows: toRows(b) })), rejected };
    return Response.json(body);
  },
});
