/**
 * Reading a search query out of a POST /api/image-search/search request: a JSON vector, a
 * multipart image `file`, or a raw image body, told apart by Content-Type. Bytes are
 * bounded while streaming (lib/api's readBodyLimited) and images are embedded on the
 * server. Bad input throws DomainErrors; the route decides the HTTP status. Node only.
 */
import "server-only";
import { noQuerySchema } from "@/lib/api/query-schema";
import { mediaType, parseJsonBody, parseQuery, readBodyLimited } from "@/lib/api/route";
import { invalidInput, tooLarge, unsupportedMediaType } from "@/lib/errors";
import { kFieldSchema, multipartQuerySchema, searchJsonBodySchema, uploadQuerySchema, type QueryLabel, type ServerEmbedBackend } from "../core/api-schema";
import { embedImageBytes, UPLOAD_LIMITS } from "./embed";

/** A JSON query is 768 numbers and a few labels: ~20 KB; this leaves room and no more. */
const JSON_LIMIT_BYTES = 64 * 1024;
/** Multipart framing and small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export type SearchRequest =
  | { type: "vector"; vector: number[]; k: number; labels: QueryLabel[] }
  | { type: "image"; bytes: Uint8Array; k: number; backend: ServerEmbedBackend };

/** Multipart fields an upload may carry. */
const MULTIPART_FIELDS = new Set(["file", "k"]);

/**
 * Parses the request without embedding: every size, type and k check happens here. Only
 * a raw image body takes `?k=`; JSON and multipart carry k inside. Uploads (raw and
 * multipart) may pick the server's engine with `?backend=ort-wasm|tfjs-wasm`.
 */
export async function parseSearchRequest(request: Request): Promise<SearchRequest> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = mediaType(request);
  if (type === "application/json") {
    parseQuery(request, noQuerySchema);
    const body = await parseJsonBody(request, searchJsonBodySchema, JSON_LIMIT_BYTES);
    return { type: "vector", vector: body.vector, k: body.k, labels: body.labels };
  }
  if (type.startsWith("image/") || type === "application/octet-stream") {
    const { k, backend } = parseQuery(request, uploadQuerySchema);
    return { type: "image", bytes: await readBodyLimited(request, UPLOAD_LIMITS.maxBytes), k, backend };
  }
  if (type === "multipart/form-data") {
    const { backend } = parseQuery(request, multipartQuerySchema);
    const body = await readBodyLimited(request, UPLOAD_LIMITS.maxBytes + MULTIPART_OVERHEAD_BYTES);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw invalidInput("invalid_multipart", "The multipart body could not be parsed.");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw invalidInput("missing_file", 'Send the image as a multipart field named "file".');
    for (const name of new Set(form.keys())) {
      if (!MULTIPART_FIELDS.has(name)) throw invalidInput("unknown_field", `Unknown multipart field ${JSON.stringify(name.slice(0, 100))}; send "file" and optionally "k".`);
      if (form.getAll(name).length > 1) throw invalidInput("duplicate_field", `The multipart field "${name}" was sent more than once; send it once.`);
    }
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      throw tooLarge("too_large", `The image is ${file.size} bytes; the limit is ${UPLOAD_LIMITS.maxBytes}.`);
    }
    const k = kFieldSchema.safeParse(form.get("k") ?? undefined);
    if (!k.success) throw invalidInput("invalid_k", `k must be a whole number from 1 to 50.`);
    return { type: "image", bytes: new Uint8Array(await file.arrayBuffer()), k: k.data, backend };
  }
  throw unsupportedMediaType(
    "unsupported_media_type",
    "Send JSON ({ vector }), multipart/form-data with an image \"file\", or an image body.",
  );
}

export interface SearchQuery {
  vector: number[] | Float32Array;
  k: number;
  labels: QueryLabel[];
}

/**
 * The request as a query vector: JSON as sent, an image embedded here (bad images throw
 * ImageInputError, too many waiting uploads DomainError "busy").
 */
export async function readSearchQuery(request: Request): Promise<SearchQuery> {
  const parsed = await parseSearchRequest(request);
  if (parsed.type === "vector") return { vector: parsed.vector, k: parsed.k, labels: parsed.labels };
  const embedded = await embedImageBytes(parsed.bytes, UPLOAD_LIMITS, request.signal, parsed.backend);
  return { vector: embedded.embedding, k: parsed.k, labels: embedded.labels };
}
