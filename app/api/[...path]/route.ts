import { jsonError } from "@/lib/api/route";

// Unknown API paths answer in the one error shape instead of Next's HTML 404 page.
function unknownRoute(request: Request) {
  const { pathname } = new URL(request.url);
  return jsonError(404, "unknown_route", `There is no API route at ${pathname}.`);
}

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
