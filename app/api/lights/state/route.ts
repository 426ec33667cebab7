import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { lightsState } from "@/lib/lights/server/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/lights/state: whether this server runs an auto-lights monitor and, if so, its
 * snapshot (devices, phones and button, home/away, remembered lights, the bridge's lights,
 * the event log). Read-only; the live dashboard follows /api/lights/events instead.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    return Response.json(lightsState());
  },
});
