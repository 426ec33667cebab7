import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { loadFramedFile } from "@/lib/draw/server/brute-framed";

export const dynamic = "force-dynamic";

/**
 * GET /api/draw/brute/framed: what the 7x7 search found (5x5 free pixels inside a fixed
 * one-pixel border): `{ generatedBy, inputSize, border, seed, restarts, evaluations,
 * finds: [{ bits, label, probability }] }`, the best image per label, most confident first;
 * `bits` is a decimal string of 49 bits, row-major, top-left most significant, 1 = black.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    return Response.json(loadFramedFile());
  },
});
