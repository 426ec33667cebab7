// Every call the brute-force section makes, validated with the route's response schema.
import { fetchApi } from "@/lib/api/client";
import { bruteResponseSchema, framedFileSchema } from "@/lib/draw/core/brute";

/** One page of brute-forced 4x4 icons, most confident first (GET /api/draw/brute). */
export function fetchBruteIcons(params: { label?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) {
  const q = new URLSearchParams();
  if (params.label) q.set("label", params.label);
  if (params.limit) q.set("limit", String(params.limit));
  if (params.cursor) q.set("cursor", params.cursor);
  return fetchApi(`/api/draw/brute?${q}`, bruteResponseSchema, { signal });
}

/** The 7x7 search's best image per label (GET /api/draw/brute/framed). */
export function fetchFramedFinds(signal?: AbortSignal) {
  return fetchApi("/api/draw/brute/framed", framedFileSchema, { signal });
}
