/**
 * The part of the API rules that must run before Next: Next builds a WHATWG Request for
 * every route call, which cannot carry TRACE / TRACK (undici refuses them: Next answered
 * 500) nor any method outside GET HEAD POST PUT PATCH DELETE OPTIONS (Next answered an
 * empty 400), and it answered 500 for a path under /api/ whose percent-encoding does not
 * decode. Installed once per server process from instrumentation.ts, it looks at each
 * request to /api/... on the Node HTTP server:
 * - a malformed path (bad %XX, invalid UTF-8, NUL) -> 400 invalid_url in the JSON error shape;
 * - a malformed query string -> 400 invalid_query, by the rules of parseQuery (Next hands
 *   routes a re-encoded URL in which invalid UTF-8 has already become U+FFFD, so only
 *   here are the bytes as sent);
 * - another method -> passed on to Next as OPTIONS with GUARDED_METHOD_HEADER naming the
 *   real one, so the route answers 405 with its own Allow (apiMethods), an unknown path 404;
 * - a client's own GUARDED_METHOD_HEADER is removed from every request.
 * Pages (outside /api/) are left to Next.
 */
import "server-only";
import http from "node:http";
import { DomainError } from "@/lib/errors";
import { decodePercentEncoded, GUARDED_METHOD_HEADER, HTTP_METHODS, readQueryPairs, textProblem } from "./route";

const ROUTED = new Set<string>(HTTP_METHODS);

/** Raw bytes >= 0x80 (a client that did not percent-encode) arrive as latin1 characters. */
const rawBytesAsPercent = (text: string) => text.replace(/[\u0080-\u00ff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Why a raw request path cannot be decoded, or null (the query's rules: lib/api/route.ts). */
export function pathProblem(path: string): string | null {
  if (!path.includes("%")) return null;
  const decoded = decodePercentEncoded(rawBytesAsPercent(path), false);
  return "problem" in decoded ? decoded.problem : textProblem(decoded.text);
}

function answer(res: http.ServerResponse, status: number, code: string, message: string) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** Returns true when the guard answered the request itself. */
export function guardApiRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.headers[GUARDED_METHOD_HEADER] !== undefined) delete req.headers[GUARDED_METHOD_HEADER];
  const url = req.url ?? "/";
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split(/[?#]/)[0];
  if (path !== "/api" && !path.startsWith("/api/")) return false;
  const problem = pathProblem(path);
  if (problem) {
    answer(res, 400, "invalid_url", `The URL path ${problem}.`);
    return true;
  }
  try {
    readQueryPairs(rawBytesAsPercent(url));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    answer(res, 400, err.code, err.message);
    return true;
  }
  const method = req.method ?? "GET";
  if (!ROUTED.has(method)) {
    req.headers[GUARDED_METHOD_HEADER] = method;
    req.method = "OPTIONS";
  }
  return false;
}

const INSTALLED = Symbol.for("osinga-demos.api-http-guard");

/** Wraps http.Server's "request" event once per process (idempotent). */
export function installApiHttpGuard(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      try {
        if (guardApiRequest(req, res)) return true;
      } catch (err) {
        console.error("[api] http guard failed:", err);
      }
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
