import { z } from "zod";
import { describeZodError, DomainError, invalidInput, tooLarge, unsupportedMediaType, type DomainErrorKind } from "@/lib/errors";

/**
 * The rules every API route inherits (README "What the server promises"): routes export
 * their methods through `apiMethods` (a missing method -> 405 with Allow, OPTIONS -> 204
 * with Allow), every handler runs inside `apiRoute` (DomainError -> its status, anything
 * else -> logged 500), the query is read only by `parseQuery` (strict percent-decoding,
 * UTF-8, no NUL, no unknown or repeated parameters) and a JSON body only by `parseJsonBody`
 * (application/json or 415, size limit while streaming, UTF-8, no NUL or lone surrogate
 * in any string). What Next cannot represent as a Request (TRACE, a malformed path) is
 * answered in lib/api/http-guard.ts before it reaches a route.
 */

/** The one place a DomainError kind becomes an HTTP status. */
export const HTTP_STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  forbidden: 403,
  busy: 503,
};

export function jsonError(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status, headers });
}

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response> | Response;

/**
 * Wraps a route handler so that nothing escapes as an unhandled 500 with a stack:
 * DomainError -> the status of its kind, its code, message and details; anything else ->
 * logged, 500 without details. That includes a ZodError: the caller's input is parsed by
 * parseQuery / parseJsonBody (which throw DomainErrors), so a ZodError escaping a handler
 * means our own data or code broke (e.g. a stored row that no longer fits its schema).
 */
export function apiRoute<Ctx = unknown>(handler: Handler<Ctx>): Handler<Ctx> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      if (err instanceof DomainError) return jsonError(HTTP_STATUS_BY_KIND[err.kind], err.code, err.message, err.details);
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed:`, err);
      return jsonError(500, "internal_error", "Something went wrong on our side; it has been logged.");
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Methods

/** The methods Next routes to a route module, in the order `Allow` lists them. */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
type ImplementedMethod = Exclude<HttpMethod, "HEAD" | "OPTIONS">;

/**
 * Set by lib/api/http-guard.ts (and stripped from every incoming request there) when it
 * turns a method Next cannot carry (TRACE, PROPFIND, ...) into OPTIONS, so the route's
 * OPTIONS handler answers 405 with the route's own Allow.
 */
export const GUARDED_METHOD_HEADER = "x-api-guard-method";

export function methodNotAllowed(method: string, pathname: string, allow: string): Response {
  return jsonError(
    405,
    "method_not_allowed",
    `${method} is not allowed on ${pathname}; allowed: ${allow}.`,
    undefined,
    { Allow: allow },
  );
}

/**
 * Every method export of a route module, from the handlers it implements: each handler
 * wrapped in apiRoute, HEAD from GET, OPTIONS -> 204 with Allow, every other method ->
 * 405 in the JSON error shape with Allow. A route module exports all of them:
 *
 *   export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: async (request) => ... });
 *
 * (tests/e2e/hostile-input.test.ts fires every method at every route, so a route that skips
 * this shows up as Next's empty 405.)
 */
export function apiMethods<Ctx = unknown>(handlers: Partial<Record<ImplementedMethod, Handler<Ctx>>>): Record<HttpMethod, Handler<Ctx>> {
  const wrapped: Partial<Record<HttpMethod, Handler<Ctx>>> = {};
  for (const [method, handler] of Object.entries(handlers) as [ImplementedMethod, Handler<Ctx>][]) wrapped[method] = apiRoute(handler);
  if (wrapped.GET) wrapped.HEAD = wrapped.GET;
  const allow = HTTP_METHODS.filter((m) => m === "OPTIONS" || wrapped[m]).join(", ");
  const refuse: Handler<Ctx> = (request) => methodNotAllowed(request.method, new URL(request.url).pathname, allow);
  const options: Handler<Ctx> = (request) => {
    const guarded = request.headers.get(GUARDED_METHOD_HEADER);
    if (guarded) return methodNotAllowed(guarded, new URL(request.url).pathname, allow);
    return new Response(null, { status: 204, headers: { Allow: allow } });
  };
  return Object.fromEntries(HTTP_METHODS.map((m) => [m, m === "OPTIONS" ? options : (wrapped[m] ?? refuse)])) as Record<HttpMethod, Handler<Ctx>>;
}

// ---------------------------------------------------------------------------------------------
// Text

const utf8 = new TextDecoder("utf-8", { fatal: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a decoded string cannot be used, or null: a NUL (Postgres refuses it) or a lone surrogate. */
export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain a NUL character";
  if (LONE_SURROGATE.test(text)) return "must not contain a lone UTF-16 surrogate";
  return null;
}

const utf8Encoder = new TextEncoder();

/**
 * Strict percent-decoding of a URL component as UTF-8 (`plusIsSpace` for form-encoded
 * query components, not for paths); the problem, in words, when it does not decode.
 */
export function decodePercentEncoded(raw: string, plusIsSpace: boolean): { text: string } | { problem: string } {
  const plus = plusIsSpace ? raw.replace(/\+/g, " ") : raw;
  if (!plus.includes("%")) return { text: plus };
  const bytes: number[] = [];
  for (let i = 0; i < plus.length; i++) {
    const c = plus.charCodeAt(i);
    if (c === 0x25) {
      const hex = plus.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return { problem: "has a malformed percent-encoding (% must be followed by two hex digits)" };
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      bytes.push(...utf8Encoder.encode(plus[i]));
    }
  }
  try {
    return { text: utf8.decode(new Uint8Array(bytes)) };
  } catch {
    return { problem: "is not valid UTF-8 once percent-decoded" };
  }
}

/** The query string as [name, value] pairs, decoded strictly; a 400 naming the parameter otherwise. */
export function readQueryPairs(url: string): [string, string][] {
  const q = url.indexOf("?");
  if (q < 0) return [];
  const hash = url.indexOf("#", q);
  const search = url.slice(q + 1, hash < 0 ? undefined : hash);
  const pairs: [string, string][] = [];
  for (const piece of search.split("&")) {
    if (!piece) continue;
    const eq = piece.indexOf("=");
    const name = decodePercentEncoded(eq < 0 ? piece : piece.slice(0, eq), true);
    if ("problem" in name) throw invalidInput("invalid_query", `A parameter name ${name.problem}.`);
    const value = decodePercentEncoded(eq < 0 ? "" : piece.slice(eq + 1), true);
    if ("problem" in value) throw invalidInput("invalid_query", `${name.text}: ${value.problem}`);
    const bad = textProblem(name.text) ?? textProblem(value.text);
    if (bad) throw invalidInput("invalid_query", `${name.text.replace(/\u0000/g, "\\0")}: ${bad}`);
    pairs.push([name.text, value.text]);
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Query

/** True when a field of an object schema takes an array (then a parameter may repeat). */
function takesArray(field: z.ZodType | undefined): boolean {
  let s = field as { def?: { type?: string; innerType?: z.ZodType; in?: z.ZodType } } | undefined;
  for (let depth = 0; s?.def && depth < 10; depth++) {
    const { type } = s.def;
    if (type === "array") return true;
    if (type === "pipe") s = s.def.in as typeof s;
    else if (s.def.innerType) s = s.def.innerType as typeof s;
    else return false;
  }
  return false;
}

/**
 * Parses the URL's query string with a strict zod object schema. Before the schema sees a
 * value: malformed percent-encoding, invalid UTF-8 and NUL -> 400; a parameter the schema
 * does not name -> 400; a parameter given twice -> 400 unless its field is an array (then
 * it always arrives as an array). Values arrive as strings (see queryInt for numbers).
 */
export function parseQuery<S extends z.ZodObject>(request: Request, schema: S): z.infer<S> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const raw: Record<string, string | string[]> = {};
  for (const [name, value] of readQueryPairs(request.url)) {
    if (!Object.hasOwn(shape, name)) {
      const known = Object.keys(shape);
      throw invalidInput(
        "invalid_query",
        `${name}: unknown parameter; ${known.length ? `this route takes ${known.join(", ")}` : "this route takes no parameters"}.`,
      );
    }
    const seen = raw[name];
    if (takesArray(shape[name])) raw[name] = [...((seen as string[] | undefined) ?? []), value];
    else if (seen !== undefined) throw invalidInput("invalid_query", `${name}: given more than once; send it once.`);
    else raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput("invalid_query", describeZodError(parsed.error));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Bodies

export const DEFAULT_JSON_LIMIT_BYTES = 1_000_000;

/** The media type of a request, lower case, without parameters ("" when absent). */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * 415 unless the body is declared application/json (UTF-8): text/plain, form and
 * multipart bodies are what a cross-site page can send without asking, so a JSON route
 * never takes them, nor a body without a Content-Type.
 */
export function requireJsonContentType(request: Request): void {
  const header = request.headers.get("content-type") ?? "";
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header)?.[1]?.toLowerCase();
  if (mediaType(request) !== "application/json" || (charset !== undefined && charset !== "utf-8" && charset !== "utf8")) {
    throw unsupportedMediaType(
      "unsupported_media_type",
      `Send the body as application/json (UTF-8); got ${header ? JSON.stringify(header.slice(0, 100)) : "no Content-Type"}.`,
    );
  }
}

/** The first string (value or key) in a JSON value that textProblem refuses, as "path: problem". Iterative: depth costs no stack. */
export function jsonTextProblem(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    const at = (p: string) => (p ? `${p}: ` : "");
    if (typeof v === "string") {
      const bad = textProblem(v);
      if (bad) return `${at(path)}${bad}`;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const bad = textProblem(k);
        if (bad) return `${at(path)}a key ${bad}`;
        stack.push([child, path ? `${path}.${k}` : k]);
      }
    }
  }
  return null;
}

/**
 * Reads a JSON body: application/json or 415; the size limit checked while streaming
 * (413); UTF-8, JSON syntax and no NUL / lone surrogate in any string or key (400
 * invalid_json / invalid_body); then the schema (400 invalid_body).
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes: number = DEFAULT_JSON_LIMIT_BYTES,
): Promise<z.infer<S>> {
  requireJsonContentType(request);
  const bytes = await readBodyLimited(request, maxBytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw invalidInput("invalid_json", "The request body is not valid UTF-8.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidInput("invalid_json", "The request body is not valid JSON.");
  }
  const bad = jsonTextProblem(json);
  if (bad) throw invalidInput("invalid_body", bad);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidInput("invalid_body", describeZodError(parsed.error));
  return parsed.data;
}

/**
 * Reads the raw body with a size limit, for uploads and anything else that must not be
 * buffered whole before it is checked: a declared Content-Length over the limit is
 * refused before reading a byte, and the bytes are counted while streaming (a chunked or
 * lying body is cut off at the limit). Over the limit -> DomainError too_large (413)
 * body_too_large; a Content-Encoding (gzip, ...) -> 415, bodies are read as sent.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const encoding = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    throw unsupportedMediaType("unsupported_content_encoding", `Content-Encoding ${JSON.stringify(encoding.slice(0, 50))} is not accepted; send the body uncompressed.`);
  }
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

// ---------------------------------------------------------------------------------------------
// Caching

/** The entity tags of an If-None-Match header ("*" -> ["*"]); W/ prefixes kept. */
function entityTags(header: string): string[] {
  if (header.trim() === "*") return ["*"];
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

/** RFC 9110 weak comparison: equal opaque tags, W/ ignored on either side. */
const opaque = (tag: string) => (tag.startsWith("W/") ? tag.slice(2) : tag);

/** True when If-None-Match names this ETag (weakly, in a list or alone) or is "*". */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  return entityTags(header).some((t) => t === "*" || opaque(t) === opaque(etag));
}

/**
 * A JSON body that changes only on a re-seed, with its ETag: If-None-Match naming the ETag
 * (weak comparison, in a list or alone) or "*" -> 304 with the same ETag and
 * Cache-Control and no body.
 */
export function cachedJsonResponse(request: Request, body: string, etag: string, cacheControl: string): Response {
  const headers = { ETag: etag, "Cache-Control": cacheControl };
  if (ifNoneMatchHits(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "application/json" } });
}
