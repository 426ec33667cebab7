import { apiMethods } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { searchByVector } from "@/lib/image-search/server/search";
import { readSearchQuery } from "@/lib/image-search/server/upload";

export const dynamic = "force-dynamic";

/**
 * POST /api/image-search/search: the nearest photos of the collection, a calibrated confidence
 * and a "no match" flag.
 * - `application/json` `{ "vector": [768 numbers], "k"?: 1..50, "labels"?: [{ "label", "probability" }] }`
 *   (what the page sends: the browser computed the vector and labels in a web worker), or
 * - `multipart/form-data` with an image `file` (and optional `k`), or a raw `image/*` body
 *   (`?k=`): the server decodes and embeds it itself (ONNX Runtime by default, its session
 *   warmed at server start; `?backend=tfjs-wasm` for tfjs). The page uses it for photos that
 *   arrive before its own engine is ready.
 * Size is checked from Content-Length and while streaming, pixel count from the image
 * header, both before decoding (lib/image-search/server/upload.ts); bad input is a 4xx with a reason.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    const query = await readSearchQuery(request);
    const db = await getDatabase();
    return Response.json(await searchByVector(db, query.vector, { k: query.k, labels: query.labels }));
  },
});
