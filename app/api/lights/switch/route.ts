import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseJsonBody, parseQuery } from "@/lib/api/route";
import { LIGHTS_BODY_LIMIT, switchBodySchema } from "@/lib/lights/core/api-schema";
import { checkAdminToken, switchLightByHand } from "@/lib/lights/server/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/lights/switch {"lightId", "on"}: switches one of the bridge's lights by hand
 * from the live dashboard (one light command; the engine's memory is not touched). Needs
 * `Authorization: Bearer <LIGHTS_ADMIN_TOKEN>` (403 otherwise, 403 read_only without the
 * token on the server); 404 for a light the bridge does not have; 503 when the bridge fails.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    parseQuery(request, noQuerySchema);
    const { lightId, on } = await parseJsonBody(request, switchBodySchema, LIGHTS_BODY_LIMIT);
    checkAdminToken(request.headers.get("authorization"));
    return Response.json(await switchLightByHand(lightId, on));
  },
});
