// Every call the image-search page makes, validated with the routes' response schemas.
import { fetchApi, jsonPost } from "@/lib/api/client";
import {
  photosResponseSchema,
  searchResponseSchema,
  similarResponseSchema,
  type QueryLabel,
} from "@/lib/image-search/core/api-schema";
import type { Split } from "@/lib/image-search/core/split";

/** The nearest photos to a vector the browser computed (POST /api/image-search/search). */
export function searchByVector(vector: Float32Array, k: number, labels: QueryLabel[], signal?: AbortSignal) {
  return fetchApi("/api/image-search/search", searchResponseSchema, jsonPost({ vector: Array.from(vector), k, labels }, signal));
}

/**
 * The nearest photos to an image file the server embeds itself (multipart POST
 * /api/image-search/search): the page's first search while the browser still loads its model.
 */
export function searchByUpload(file: Blob, k: number, signal?: AbortSignal) {
  const form = new FormData();
  form.set("file", file);
  form.set("k", String(k));
  return fetchApi("/api/image-search/search", searchResponseSchema, { method: "POST", body: form, signal });
}

/** The nearest photos to a stored photo, and that photo (GET /api/image-search/similar). */
export function similarPhotos(id: string, k: number, signal?: AbortSignal) {
  return fetchApi(`/api/image-search/similar?id=${encodeURIComponent(id)}&k=${k}`, similarResponseSchema, { signal });
}

/** One page of the collection (GET /api/image-search/photos). */
export function listPhotos(filter: { limit: number; label?: string | null; split?: Split | null; cursor?: string | null }) {
  const params = new URLSearchParams({ limit: String(filter.limit) });
  if (filter.label) params.set("label", filter.label);
  if (filter.split) params.set("split", filter.split);
  if (filter.cursor) params.set("cursor", filter.cursor);
  return fetchApi(`/api/image-search/photos?${params}`, photosResponseSchema);
}
