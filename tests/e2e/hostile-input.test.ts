/**
 * Every API route of the running server under hostile input (README "What the server
 * promises"). The route list comes from the files under app/api/, so a new route is fired
 * at the day it is added - and fails here until it has a valid example in EXAMPLES below.
 * For each route: its valid example (the documented success), NUL / invalid UTF-8 /
 * malformed percent-encoding in every query parameter and JSON string, repeated and
 * unknown parameters, non-plain numbers, wrong and missing Content-Type, malformed and
 * oversize bodies, every method the route lacks (TRACE and PROPFIND too), a malformed
 * path, a slow body and an aborted one. Each answer must be the documented status (a 4xx
 * in the JSON error shape for the hostile ones) within REQUEST_TIMEOUT_MS - a hang
 * detector, not a speed test - and /api/health must still answer afterwards.
 * Loopback only (the e2e app server), sequential, at most MAX_REQUESTS requests.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { EMBEDDING_DIM } from "@/lib/vision/constants";

const baseURL = new URL(inject("baseURL"));
if (!["127.0.0.1", "localhost", "[::1]"].includes(baseURL.hostname)) throw new Error(`hostile-input tests fire only at loopback, not ${baseURL.host}`);

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_REQUESTS = 1500;
const ROOT = path.resolve(import.meta.dirname, "../..");
const API_DIR = path.join(ROOT, "app", "api");
const FIXTURE_JPEG = path.join(ROOT, "tests", "fixtures", "images", "dalmatian-image_0001.jpg");

// ---------------------------------------------------------------------------------------------
// The routes, from the files

/** "/api/movies/similar" for app/api/movies/similar/route.ts; route groups dropped, [segments] kept. */
function discoverRoutes(dir = API_DIR, prefix = "/api"): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      found.push(...discoverRoutes(path.join(dir, entry.name), prefix + segment));
    } else if (/^route\.(ts|tsx|js)$/.test(entry.name)) found.push(prefix);
  }
  return found.sort();
}

type Method = "GET" | "POST";

interface Example {
  /** The concrete path to call, for a route with [dynamic] segments. */
  path?: string;
  method: Method;
  /** A valid query (values unencoded). */
  query?: Record<string, string>;
  /** Query parameters that are whole numbers (they also get "0x10", "1e1", " 5", ...). */
  intParams?: string[];
  /** A valid JSON body. */
  json?: unknown;
  /** The JSON body limit in bytes (oversize variants send one byte more). */
  jsonLimit?: number;
  /** Body types the route takes besides application/json (they are not a 415). */
  alsoAccepts?: string[];
  /** Documented status of the valid example. */
  status: number;
  /** Content type of the valid answer when it is not JSON (e.g. a PNG). */
  answers?: RegExp;
}

const vector = Array.from({ length: EMBEDDING_DIM }, (_, i) => Math.sin(i + 1) * 0.5);

/**
 * One valid request per route. A route missing here fails the suite: add an entry with
 * its method, a valid query or JSON body, and the status it answers.
 */
const EXAMPLES: Record<string, Example> = {
  "/api/[...path]": { path: "/api/no-such-route", method: "GET", status: 404 },
  "/api/health": { method: "GET", status: 200 },
  "/api/draw/brute/framed": { method: "GET", status: 200 },
  "/api/draw/brute": { method: "GET", query: { label: "envelope", limit: "5", cursor: "0.9:1" }, intParams: ["limit"], status: 200 },
  "/api/draw/sample": { method: "POST", json: { model: "icons8", count: 2, temperature: 0.8, seed: 1 }, status: 200 },
  "/api/draw/stela": { method: "POST", json: { count: 2, temperature: 0.8, seed: 1 }, status: 200, answers: /^image\/png$/ },
  "/api/image-search/photos": {
    method: "GET",
    query: { split: "index", label: "Leopards", cursor: "Leopards/image_0001", limit: "5" },
    intParams: ["limit"],
    status: 200,
  },
  "/api/image-search/search": {
    method: "POST",
    json: { vector, k: 5, labels: [{ label: "dalmatian", probability: 0.9 }] },
    jsonLimit: 64 * 1024,
    alsoAccepts: ["multipart/form-data", "image/*", "application/octet-stream"],
    status: 200,
  },
  "/api/image-search/similar": { method: "GET", query: { id: "dalmatian/image_0006", k: "5" }, intParams: ["k"], status: 200 },
  // The e2e server runs no lights monitor and has no LIGHTS_ADMIN_TOKEN: events answers the state once as JSON,
  // and the admin routes parse their body, then refuse with 403 read_only.
  "/api/lights/assign": { method: "POST", json: { mac: "fc:a6:67:ab:cd:ef", role: "button" }, jsonLimit: 32_768, status: 403 },
  "/api/lights/events": { method: "GET", status: 200 },
  "/api/lights/state": { method: "GET", status: 200 },
  "/api/lights/switch": { method: "POST", json: { lightId: "1", on: true }, jsonLimit: 32_768, status: 403 },
  "/api/movies/map": { method: "GET", status: 200 },
  "/api/movies/search": { method: "GET", query: { q: "star" }, status: 200 },
  "/api/movies/similar": { method: "GET", query: { title: "Toy Story", k: "5" }, intParams: ["k"], status: 200 },
  "/api/movies/taste": { method: "POST", json: { liked: ["Toy Story"], disliked: ["Alien (film)"], k: 5 }, jsonLimit: 100_000, status: 200 },
  "/api/movies/thumbnails": { method: "GET", status: 200 },
  "/api/radio/map": { method: "GET", status: 200 },
  "/api/radio/playlist": { method: "POST", json: { seeds: [20065, 5], length: 10, perArtist: 1, exclude: [999999999], avoid: [] }, jsonLimit: 100_000, status: 200 },
  "/api/radio/songs": { method: "GET", query: { q: "moment 4 life" }, status: 200 },
  "/api/numbers/distance": { method: "GET", query: { a: "veer", b: "fear" }, status: 200 },
  "/api/numbers/languages": { method: "GET", status: 200 },
  "/api/numbers/pairs": { method: "GET", query: { limit: "10" }, intParams: ["limit"], status: 200 },
  "/api/numbers/tree": { method: "GET", status: 200 },
  "/api/numbers/universal": { method: "GET", status: 200 },
  "/api/radio/spotify": { method: "GET", query: { ids: "5" }, intParams: ["ids"], status: 200 },
};

// ---------------------------------------------------------------------------------------------
// Raw HTTP (fetch cannot send TRACE, a malformed path or a slow / aborted body)

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
}

interface Send {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Write the body in this many pieces, `delayMs` apart (a slow client). */
  pieces?: number;
  delayMs?: number;
}

const stats = { requests: 0, maxMs: 0, maxWhat: "", statuses: new Map<number, number>() };

function send(what: string, options: Send): Promise<Answer> {
  if (++stats.requests > MAX_REQUESTS) throw new Error(`more than ${MAX_REQUESTS} requests: the suite must stay bounded`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const body = typeof options.body === "string" ? Buffer.from(options.body) : options.body;
    const headers: Record<string, string> = { ...options.headers };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length" || h.toLowerCase() === "transfer-encoding")) {
      headers["content-length"] = String(body.length);
    }
    const req = http.request({ host: baseURL.hostname, port: baseURL.port, method: options.method, path: options.path, headers, agent: false });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${what}: no answer within ${REQUEST_TIMEOUT_MS} ms`));
    }, REQUEST_TIMEOUT_MS);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        answered = true;
        clearTimeout(timer);
        const ms = performance.now() - started;
        // The slowest answer, not counting bodies this suite trickles in on purpose.
        if (ms > stats.maxMs && !options.delayMs) Object.assign(stats, { maxMs: ms, maxWhat: what });
        stats.statuses.set(res.statusCode ?? 0, (stats.statuses.get(res.statusCode ?? 0) ?? 0) + 1);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), ms });
        req.destroy();
      });
    });
    req.on("error", (err) => {
      if (answered) return;
      clearTimeout(timer);
      reject(new Error(`${what}: ${err.message}`));
    });
    if (!body) return void req.end();
    const pieces = options.pieces ?? 1;
    const size = Math.ceil(body.length / pieces);
    let i = 0;
    const next = () => {
      if (answered || req.destroyed) return;
      if (i >= pieces) return void req.end();
      req.write(body.subarray(i * size, (i + 1) * size));
      i++;
      setTimeout(next, i < pieces ? (options.delayMs ?? 0) : 0);
    };
    next();
  });
}

/** The status, and for a 4xx/5xx with a body the JSON error shape; returns the error code. */
function expectAnswer(what: string, answer: Answer, status: number | ((s: number) => boolean), method = "GET"): string | undefined {
  const statusOk = typeof status === "number" ? answer.status === status : status(answer.status);
  expect(statusOk, `${what}: status ${answer.status} ${answer.text.slice(0, 200)}`).toBe(true);
  expect(answer.ms, `${what}: took ${answer.ms.toFixed(0)} ms`).toBeLessThan(REQUEST_TIMEOUT_MS);
  if (answer.status >= 400 && method !== "HEAD") {
    expect(answer.headers["content-type"], `${what}: content type`).toMatch(/^application\/json/);
    const parsed = apiErrorBodySchema.safeParse(JSON.parse(answer.text || "null"));
    expect(parsed.success, `${what}: not the JSON error shape: ${answer.text.slice(0, 200)}`).toBe(true);
    return parsed.data?.error.code;
  }
  return undefined;
}

const is4xx = (s: number) => s >= 400 && s < 500;

// ---------------------------------------------------------------------------------------------
// Variants

/** Builds "a=b&c=d" from raw (already encoded) values. */
const rawQuery = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join("&");
const encodedPairs = (query: Record<string, string> = {}): [string, string][] => Object.entries(query).map(([k, v]) => [k, encodeURIComponent(v)]);
const withQuery = (p: string, q: string) => (q ? `${p}?${q}` : p);

/** Encoded values that must be refused in any string parameter. */
const BAD_VALUES: [string, string][] = [
  ["NUL", "%00"],
  ["NUL inside", "a%00b"],
  ["invalid UTF-8", "%FF"],
  ["encoded lone surrogate", "%ED%A0%80"],
  ["truncated percent-encoding", "%E0%A4%A"],
  ["bare percent", "%"],
];
const BAD_INTS = ["0x10", "1e1", "%205", "5%20", "05", "%2B5", "2.5", "", "-0", "ten", "99999999999999999999"];

/** Every string leaf of a JSON value with a setter that returns a copy where it is replaced. */
function stringLeaves(value: unknown, at: string[] = []): string[][] {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, String(i)]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}
function replaceAt(value: unknown, at: string[], replacement: unknown): unknown {
  if (!at.length) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[at[0]] = replaceAt(copy[at[0]], at.slice(1), replacement);
  return copy;
}
const MARK = "\u2063MARK\u2063";

function multipart(parts: { name: string; filename?: string; type?: string; data: Uint8Array | string }[], boundary = "hostile-boundary") {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}\r\n` +
          (p.type ? `Content-Type: ${p.type}\r\n` : "") +
          "\r\n",
      ),
    );
    chunks.push(Buffer.from(p.data));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), type: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------------------------------------

const routes = discoverRoutes();

afterAll(() => {
  const statuses = [...stats.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
  console.log(`[hostile-input] ${stats.requests} requests to ${routes.length} routes; statuses ${statuses}; slowest ${stats.maxMs.toFixed(0)} ms (${stats.maxWhat}; slow bodies excluded)`);
});

describe("hostile input against every API route", () => {
  it("finds the routes under app/api/ and has a valid example for each", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const missing = routes.filter((r) => !EXAMPLES[r]);
    expect(
      missing,
      `no valid example for ${missing.join(", ")}: add an entry to EXAMPLES in tests/e2e/hostile-input.test.ts ` +
        "(method, a valid query or JSON body, the documented status), so this suite can fire hostile variants of it",
    ).toEqual([]);
    const stale = Object.keys(EXAMPLES).filter((r) => !routes.includes(r));
    expect(stale, `EXAMPLES names routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  describe.each(routes)("%s", (route) => {
    const example = EXAMPLES[route];
    const p = example?.path ?? route;
    const query = rawQuery(encodedPairs(example?.query));
    const jsonHeaders = { "content-type": "application/json" };
    const validBody = example?.json === undefined ? undefined : JSON.stringify(example.json);
    const valid = (what: string, extra: Partial<Send> = {}) =>
      send(`${route} ${what}`, { method: example.method, path: withQuery(p, query), headers: validBody ? jsonHeaders : {}, body: validBody, ...extra });

    it("answers its valid example with the documented status, as JSON", async () => {
      if (!example) return;
      const answer = await valid("valid example");
      expectAnswer(`${route} valid`, answer, example.status);
      expect(answer.headers["content-type"]).toMatch(example.answers ?? /^application\/json/);
      if (!example.answers) JSON.parse(answer.text);
    });

    it("answers every method it lacks with 405, Allow and the JSON error shape; OPTIONS with 204 and Allow", async () => {
      if (!example) return;
      const options = await send(`${route} OPTIONS`, { method: "OPTIONS", path: p });
      if (example.status === 404) {
        // The catch-all: every method, even one Next cannot carry, is the JSON 404.
        for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]) {
          const answer = method === "OPTIONS" ? options : await send(`${route} ${method}`, { method, path: p });
          expectAnswer(`${route} ${method}`, answer, 404, method);
        }
        return;
      }
      expect(options.status).toBe(204);
      const allow = String(options.headers.allow ?? "").split(/,\s*/);
      expect(allow).toContain(example.method);
      expect(allow).toContain("OPTIONS");
      for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]) {
        if (allow.includes(method)) continue;
        const answer = await send(`${route} ${method}`, { method, path: p, ...(["GET", "HEAD", "TRACE"].includes(method) ? {} : { headers: jsonHeaders, body: "{}" }) });
        const code = expectAnswer(`${route} ${method}`, answer, 405, method);
        expect(answer.headers.allow, `${route} ${method}: Allow`).toBe(options.headers.allow);
        if (method !== "HEAD") expect(code).toBe("method_not_allowed");
      }
    });

    it("refuses a malformed path below it with 400 in the JSON shape", async () => {
      if (!example) return;
      for (const bad of ["%E0%A4%A", "%FF", "a%00b", "%zz"]) {
        const answer = await send(`${route} path /${bad}`, { method: example.method, path: `${p}/${bad}` });
        expect(expectAnswer(`${route} path /${bad}`, answer, 400)).toBe("invalid_url");
      }
    });

    it("refuses NUL, invalid UTF-8 and malformed encoding in every query parameter, repeated and unknown parameters", async () => {
      if (!example || example.status === 404) return;
      const pairs = encodedPairs(example.query);
      for (const [name] of pairs) {
        for (const [label, bad] of BAD_VALUES) {
          const q = rawQuery(pairs.map(([k, v]) => [k, k === name ? bad : v]));
          const what = `${route} ?${name}= ${label}`;
          expectAnswer(what, await valid(label, { path: withQuery(p, q) }), 400);
        }
        const repeated = rawQuery([...pairs, pairs.find(([k]) => k === name)!]);
        expectAnswer(`${route} ?${name} twice`, await valid("repeated", { path: withQuery(p, repeated) }), 400);
      }
      for (const name of example.intParams ?? []) {
        for (const bad of BAD_INTS) {
          const q = rawQuery(pairs.map(([k, v]) => [k, k === name ? bad : v]));
          expectAnswer(`${route} ?${name}=${bad}`, await valid(bad, { path: withQuery(p, q) }), 400);
        }
      }
      for (const extra of ["zz_unknown=1", "%00=1", "%FF=1", "zz"]) {
        const q = [query, extra].filter(Boolean).join("&");
        expectAnswer(`${route} ?${extra}`, await valid(extra, { path: withQuery(p, q) }), 400);
      }
    });

    it("refuses bad JSON bodies: NUL, lone surrogates and invalid UTF-8 in every string, wrong types, malformed, oversize", async () => {
      if (!example || example.json === undefined) return;
      const post = (what: string, body: string | Uint8Array, headers: Record<string, string> = jsonHeaders, extra: Partial<Send> = {}) =>
        send(`${route} ${what}`, { method: "POST", path: p, headers, body, ...extra });

      for (const at of stringLeaves(example.json)) {
        const marked = JSON.stringify(replaceAt(example.json, at, MARK));
        const variants: [string, string | Uint8Array][] = [
          ["NUL", marked.replace(MARK, "\\u0000")],
          ["NUL inside", marked.replace(MARK, "a\\u0000b")],
          ["lone high surrogate", marked.replace(MARK, "\\ud800")],
          ["lone low surrogate", marked.replace(MARK, "x\\udc00")],
          ["invalid UTF-8", new Uint8Array(Buffer.concat(marked.split(MARK).flatMap((s, i) => (i ? [Buffer.from([0xc3, 0x28]), Buffer.from(s)] : [Buffer.from(s)]))))],
        ];
        for (const [label, body] of variants) expectAnswer(`${route} ${at.join(".")} ${label}`, await post(`${at.join(".")} ${label}`, body), 400);
      }
      for (const at of stringLeaves(example.json).slice(0, 1)) {
        expectAnswer(`${route} ${at.join(".")} as a number`, await post("number", JSON.stringify(replaceAt(example.json, at, 5))), 400);
      }
      const malformed = ["", "{", "[", "null", "[]", '"x"', "123", `${validBody}x`, `${validBody},`, "{'a':1}", "[".repeat(20_000), "\u0000", JSON.stringify({ zz_unknown: 1 })];
      for (const body of malformed) expectAnswer(`${route} body ${body.slice(0, 20)}`, await post(`malformed ${body.slice(0, 20)}`, body), 400);

      // Wrong and missing Content-Type: 415, unless the route reads that type (then still a 4xx: the body is JSON).
      const accepts = (type: string) => (example.alsoAccepts ?? []).some((a) => (a.endsWith("/*") ? type.startsWith(a.slice(0, -1)) : type.startsWith(a)));
      for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", "application/xml", ""]) {
        const answer = await post(`content-type ${type || "(none)"}`, validBody!, type ? { "content-type": type } : {});
        expectAnswer(`${route} content-type ${type || "(none)"}`, answer, accepts(type) ? is4xx : 415);
      }
      expectAnswer(`${route} gzip`, await post("gzip", validBody!, { ...jsonHeaders, "content-encoding": "gzip" }), 415);

      // Oversize: declared (refused before reading) and chunked (cut off while streaming).
      const limit = example.jsonLimit ?? 1_000_000;
      const big = JSON.stringify({ ...(example.json as object), pad: "x".repeat(limit) });
      expectAnswer(`${route} oversize declared`, await post("oversize", big), 413);
      expectAnswer(`${route} oversize chunked`, await post("oversize chunked", big, { ...jsonHeaders, "transfer-encoding": "chunked" }, { pieces: 8 }), 413);
      expectAnswer(`${route} lying Content-Length`, await post("lying length", validBody!, { ...jsonHeaders, "content-length": String(limit + 1) }), 413);

      // A query string where the route takes none.
      expectAnswer(`${route} ?zz_unknown=1`, await send(`${route} query`, { method: "POST", path: `${p}?zz_unknown=1`, headers: jsonHeaders, body: validBody }), 400);
      expectAnswer(`${route} ?%00`, await send(`${route} query NUL`, { method: "POST", path: `${p}?a=%00`, headers: jsonHeaders, body: validBody }), 400);
    });

    it("waits for a slow body and survives an aborted one", async () => {
      if (!example || example.json === undefined) return;
      const slow = await valid("slow body", { pieces: 10, delayMs: 200 });
      expectAnswer(`${route} slow body`, slow, example.status);
      // Declares 10 kB, sends 100 bytes, hangs up.
      await new Promise<void>((resolve) => {
        const req = http.request({ host: baseURL.hostname, port: baseURL.port, method: "POST", path: p, headers: { ...jsonHeaders, "content-length": "10000" }, agent: false });
        req.on("error", () => resolve());
        req.write(validBody!.slice(0, 100));
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
      });
      stats.requests++;
      expectAnswer(`${route} after abort`, await valid("after an aborted body"), example.status);
    });
  });

  describe("image uploads on POST /api/image-search/search", () => {
    const p = "/api/image-search/search";
    const jpeg = new Uint8Array(fs.readFileSync(FIXTURE_JPEG));

    it("refuses a repeated k, a non-plain k and a query on multipart; two file parts; unknown fields", async () => {
      for (const q of ["k=5&k=6", "k=0x10", "k=1e1", "k=%00", "zz_unknown=1"]) {
        const answer = await send(`raw image ?${q}`, { method: "POST", path: `${p}?${q}`, headers: { "content-type": "image/jpeg" }, body: jpeg });
        expectAnswer(`raw image ?${q}`, answer, 400);
      }
      const twoFiles = multipart([
        { name: "file", filename: "a.jpg", type: "image/jpeg", data: jpeg },
        { name: "file", filename: "b.jpg", type: "image/jpeg", data: jpeg },
      ]);
      expect(expectAnswer("two file parts", await send("two files", { method: "POST", path: p, headers: { "content-type": twoFiles.type }, body: twoFiles.body }), 400)).toBe(
        "duplicate_field",
      );
      const twoK = multipart([
        { name: "file", filename: "a.jpg", type: "image/jpeg", data: jpeg },
        { name: "k", data: "5" },
        { name: "k", data: "6" },
      ]);
      expectAnswer("two k fields", await send("two k", { method: "POST", path: p, headers: { "content-type": twoK.type }, body: twoK.body }), 400);
      const extra = multipart([
        { name: "file", filename: "a.jpg", type: "image/jpeg", data: jpeg },
        { name: "zz_unknown", data: "1" },
      ]);
      expectAnswer("unknown field", await send("unknown field", { method: "POST", path: p, headers: { "content-type": extra.type }, body: extra.body }), 400);
      const badK = multipart([
        { name: "file", filename: "a.jpg", type: "image/jpeg", data: jpeg },
        { name: "k", data: "5\u0000" },
      ]);
      expectAnswer("k with NUL", await send("k NUL", { method: "POST", path: p, headers: { "content-type": badK.type }, body: badK.body }), 400);
      const multipartQuery = multipart([{ name: "file", filename: "a.jpg", type: "image/jpeg", data: jpeg }]);
      expectAnswer("multipart with ?k", await send("multipart ?k", { method: "POST", path: `${p}?k=5`, headers: { "content-type": multipartQuery.type }, body: multipartQuery.body }), 400);
    });
  });

  it("keeps the /api/images/* aliases under the same rules", async () => {
    expectAnswer("alias TRACE", await send("alias TRACE", { method: "TRACE", path: "/api/images/photos" }), 405, "TRACE");
    expectAnswer("alias NUL", await send("alias NUL", { method: "GET", path: "/api/images/photos?label=%00" }), 400);
    expectAnswer("alias valid", await send("alias valid", { method: "GET", path: "/api/images/photos?limit=2" }), 200);
  });

  it("bounds the 'did you mean' search for a long unknown title", async () => {
    const title = Array.from({ length: 170 }, (_, i) => `${"abcdefghijklmnopqrstuvwxyz"[i % 26]}${"zyxwvutsrqponmlkjihgfedcba"[(i * 7) % 26]}`).join(" ").slice(0, 512);
    const answer = await send("long unknown title", { method: "GET", path: `/api/movies/similar?title=${encodeURIComponent(title)}` });
    expectAnswer("long unknown title", answer, (s) => s === 404);
    console.log(`[hostile-input] 512-character unknown title: ${answer.status} in ${answer.ms.toFixed(0)} ms`);
    expect(answer.ms).toBeLessThan(2000);
  });

  it("still answers /api/health afterwards", async () => {
    const answer = await send("health after", { method: "GET", path: "/api/health" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).ok).toBe(true);
  });
});
