import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { openLightsEventStream } from "@/lib/lights/server/events";
import { lightsState, serverMonitor } from "@/lib/lights/server/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/lights/events: server-sent events for the live dashboard - a `snapshot` event
 * (the /api/lights/state shape) at once and after every change (at most 4 a second), a
 * comment every 15 s to keep proxies from closing the stream. Closed when the client goes.
 * Without a monitor there is nothing to stream: the state is answered once, as JSON.
 * At most 20 streams at a time (then 503 busy). Errors are JSON like every route's.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    parseQuery(request, noQuerySchema);
    const monitor = serverMonitor();
    if (!monitor || request.method === "HEAD") return Response.json(lightsState());
    return openLightsEventStream(monitor, request.signal);
  },
});
