import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseJsonBody, parseQuery } from "@/lib/api/route";
import { assignBodySchema, LIGHTS_BODY_LIMIT } from "@/lib/lights/core/api-schema";
import { assignDevice, checkAdminToken } from "@/lib/lights/server/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/lights/assign {"mac", "role": "phone" | "button" | "other"}: makes a seen MAC a
 * phone, the Dash button, or neither, for the running monitor (stored; used from the next
 * packet). Needs `Authorization: Bearer <LIGHTS_ADMIN_TOKEN>`: 403 without it, and always
 * 403 read_only on a server started without the token. Answers the new state.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    parseQuery(request, noQuerySchema);
    const { mac, role } = await parseJsonBody(request, assignBodySchema, LIGHTS_BODY_LIMIT);
    checkAdminToken(request.headers.get("authorization"));
    return Response.json(await assignDevice(mac, role));
  },
});
