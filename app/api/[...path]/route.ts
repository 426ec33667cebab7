import { HTTP_METHODS, jsonError, type HttpMethod } from "@/lib/api/route";

// Unknown API paths answer in the one error shape instead of Next's HTML 404 page, for
// every method (a method Next cannot carry arrives as OPTIONS via lib/api/http-guard.ts).
function unknownRoute(request: Request) {
  const { pathname } = new URL(request.url);
  return jsonError(404, "unknown_route", `There is no API route at ${pathname}.`);
}

const handlers = Object.fromEntries(HTTP_METHODS.map((m) => [m, unknownRoute])) as Record<HttpMethod, typeof unknownRoute>;
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = handlers;
