import { ApiError, badRequest } from "@/lib/api/errors";
import { apiRoute, parseJsonBody, readBodyLimited } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { kFieldSchema, searchJsonBodySchema } from "@/lib/image-search/core/api-schema";
import { embedImageBytes, UPLOAD_LIMITS } from "@/lib/image-search/server/embed";
import { searchByVector } from "@/lib/image-search/server/search";
import { isImageInputError } from "@/lib/vision/errors";

export const dynamic = "force-dynamic";

/** A JSON query is 768 numbers and a few labels: ~20 KB; this leaves room and no more. */
const JSON_LIMIT_BYTES = 64 * 1024;
/** Multipart framing and small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * POST /api/image-search/search: the nearest photos of the collection, a calibrated confidence
 * and a "no match" flag.
 * - `application/json` `{ "vector": [768 numbers], "k"?: 1..50, "labels"?: [{ "label", "probability" }] }`
 *   (what the page sends: the browser computed the vector and labels in a web worker), or
 * - `multipart/form-data` with an image `file` (and optional `k`), or a raw `image/*` body
 *   (`?k=`): the server decodes and embeds it itself (tfjs WASM, model loaded on first use).
 * Size is checked from Content-Length and while streaming, pixel count from the image
 * header, both before decoding; bad input is a 4xx with a reason.
 */
export const POST = apiRoute(async (request) => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    const body = await parseJsonBody(request, searchJsonBodySchema, JSON_LIMIT_BYTES);
    const db = await getDatabase();
    return Response.json(await searchByVector(db, body.vector, { k: body.k, labels: body.labels }));
  }
  let bytes: Uint8Array;
  let kField: unknown;
  if (type === "multipart/form-data") {
    const body = await readBodyLimited(request, UPLOAD_LIMITS.maxBytes + MULTIPART_OVERHEAD_BYTES);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    } catch {
      throw badRequest("invalid_multipart", "The multipart body could not be parsed.");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw badRequest("missing_file", 'Send the image as a multipart field named "file".');
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      throw new ApiError(413, "too_large", `The image is ${file.size} bytes; the limit is ${UPLOAD_LIMITS.maxBytes}.`);
    }
    bytes = new Uint8Array(await file.arrayBuffer());
    kField = form.get("k") ?? undefined;
  } else if (type.startsWith("image/") || type === "application/octet-stream") {
    bytes = await readBodyLimited(request, UPLOAD_LIMITS.maxBytes);
    kField = new URL(request.url).searchParams.get("k") ?? undefined;
  } else {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send JSON ({ vector }), multipart/form-data with an image \"file\", or an image body.",
    );
  }
  const k = kFieldSchema.safeParse(kField);
  if (!k.success) throw badRequest("invalid_k", `k must be a whole number from 1 to 50.`);
  let embedded;
  try {
    embedded = await embedImageBytes(bytes);
  } catch (err) {
    if (isImageInputError(err)) throw new ApiError(err.status, err.code, err.message, err.details);
    throw err;
  }
  const db = await getDatabase();
  return Response.json(await searchByVector(db, embedded.embedding, { k: k.data, labels: embedded.labels }));
});
