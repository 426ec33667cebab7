import { z } from "zod";
import { describeZodError, DomainError, invalidInput, tooLarge, type DomainErrorKind } from "@/lib/errors";

/** The one place a DomainError kind becomes an HTTP status. */
export const HTTP_STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  busy: 503,
};

export function jsonError(status: number, code: string, message: string, details?: Record<string, unknown>) {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status });
}

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response> | Response;

/**
 * Wraps a route handler so that nothing escapes as an unhandled 500 with a stack:
 * DomainError -> the status of its kind, its code, message and details; ZodError -> 400;
 * anything else -> logged, 500 without details.
 */
export function apiRoute<Ctx = unknown>(handler: Handler<Ctx>): Handler<Ctx> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      if (err instanceof DomainError) return jsonError(HTTP_STATUS_BY_KIND[err.kind], err.code, err.message, err.details);
      if (err instanceof z.ZodError) return jsonError(400, "invalid_input", describeZodError(err));
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed:`, err);
      return jsonError(500, "internal_error", "Something went wrong on our side; it has been logged.");
    }
  };
}

/** Parses the URL's query string with a zod object schema (values arrive as strings). */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput("invalid_query", describeZodError(parsed.error));
  return parsed.data;
}

export const DEFAULT_JSON_LIMIT_BYTES = 1_000_000;

/** Reads a JSON body with a size limit (checked while streaming, not after), then validates it. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes: number = DEFAULT_JSON_LIMIT_BYTES,
): Promise<z.infer<S>> {
  const text = new TextDecoder().decode(await readBodyLimited(request, maxBytes));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidInput("invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidInput("invalid_body", describeZodError(parsed.error));
  return parsed.data;
}

/**
 * Reads the raw body with a size limit, for uploads and anything else that must not be
 * buffered whole before it is checked: a declared Content-Length over the limit is
 * refused before reading a byte, and the bytes are counted while streaming (a chunked or
 * lying body is cut off at the limit). Over the limit -> DomainError too_large (413) body_too_large.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge("body_too_large", `Body is ${declared} bytes; the limit is ${maxBytes}.`);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge("body_too_large", `Body exceeds the limit of ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON body that changes only on a re-seed, with its ETag: If-None-Match naming the ETag
 * (in a list or alone) -> 304 with the same ETag and Cache-Control and no body.
 */
export function cachedJsonResponse(request: Request, body: string, etag: string, cacheControl: string): Response {
  const headers = { ETag: etag, "Cache-Control": cacheControl };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json" } });
}
