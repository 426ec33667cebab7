import { apiMethods, parseQuery } from "@/lib/api/route";
import { bruteQuerySchema } from "@/lib/draw/core/brute";
import { listBruteIcons } from "@/lib/draw/server/brute-store";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/**
 * GET /api/draw/brute?label=TEXT&limit=100&cursor=...: the brute-forced 4x4 icons whose
 * top MobileNet label cleared the run's threshold, most confident first.
 * `{ total, threshold, inputSize, labels: [{ label, count }], icons: [{ bits, label, probability }], nextCursor }`;
 * `bits` is the image as 0..65535, row-major, bit 15 = top-left, 1 = black. `limit` 1..500
 * (default 100); pass `nextCursor` back as `cursor` for the next page (null on the last).
 * A label no icon has -> 404 unknown_label; a made-up cursor -> 400 invalid_cursor.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const query = parseQuery(request, bruteQuerySchema);
    const db = await getDatabase();
    return Response.json(await listBruteIcons(db, query));
  },
});
