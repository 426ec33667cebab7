/**
 * The rules every route inherits from lib/api (README "What the server promises"), called
 * without a server: strict query decoding, unknown and repeated parameters, the strict
 * integer helper, JSON content type and text checks, 405 with Allow, the ETag rules, the
 * HTTP guard's path check, /api/health's 503 and the bounded "did you mean" loop.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { noQuerySchema, queryInt } from "@/lib/api/query-schema";
import { apiMethods, apiRoute, GUARDED_METHOD_HEADER, ifNoneMatchHits, parseJsonBody, parseQuery, readQueryPairs } from "@/lib/api/route";
import { pathProblem } from "@/lib/api/http-guard";

const schema = z.object({ q: z.string().min(1), k: queryInt({ min: 1, max: 50 }).default(10), tag: z.array(z.string()).optional() }).strict();
const handler = apiRoute(async (request: Request) => Response.json(parseQuery(request, schema)));
const call = async (query: string) => {
  const res = await handler(new Request(`http://x/api${query}`), undefined);
  const body = await res.json();
  return { status: res.status, body, message: res.ok ? "" : apiErrorBodySchema.parse(body).error.message };
};

describe("parseQuery", () => {
  it("keeps valid answers: decoding, defaults, + as space, arrays", async () => {
    await expect(call("?q=Tr%C3%AAs+x&k=5")).resolves.toMatchObject({ status: 200, body: { q: "Três x", k: 5 } });
    await expect(call("?q=a")).resolves.toMatchObject({ status: 200, body: { q: "a", k: 10 } });
    await expect(call("?q=a&tag=x&tag=y")).resolves.toMatchObject({ status: 200, body: { q: "a", tag: ["x", "y"] } });
    await expect(call("?q=a&tag=x")).resolves.toMatchObject({ status: 200, body: { tag: ["x"] } });
  });

  it.each([
    ["?q=%00", /^q: must not contain a NUL/],
    ["?q=a%00b", /^q: must not contain a NUL/],
    ["?q=%FF", /^q: is not valid UTF-8/],
    ["?q=%ED%A0%80", /^q: is not valid UTF-8/], // an encoded lone surrogate
    ["?q=%E0%A4%A", /^q: has a malformed percent-encoding/],
    ["?q=%zz", /^q: has a malformed percent-encoding/],
    ["?q%00=a", /must not contain a NUL/],
    ["?q=a&q=b", /^q: given more than once/],
    ["?q=a&k=5&k=6", /^k: given more than once/],
    ["?q=a&extra=1", /^extra: unknown parameter; this route takes q, k, tag/],
    ["?q=a&k=0x10", /^k: must be a number written in plain decimal digits/],
    ["?q=a&k=1e1", /^k: must be a number/],
    ["?q=a&k=%205", /^k: must be a number/],
    ["?q=a&k=05", /^k: must be a number/],
    ["?q=a&k=+5", /^k: must be a number/],
    ["?q=a&k=", /^k: must be a number/],
    ["?q=a&k=2.5", /^k: must be a whole number/],
    ["?q=a&k=51", /^k: must be at most 50/],
    ["?q=a&k=99999999999999999999", /^k: /],
  ])("refuses %s with 400 invalid_query", async (query, message) => {
    const r = await call(query);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_query");
    expect(r.message).toMatch(message);
  });

  it("noQuerySchema refuses every parameter", () => {
    expect(parseQuery(new Request("http://x/api"), noQuerySchema)).toEqual({});
    expect(() => parseQuery(new Request("http://x/api?x=1"), noQuerySchema)).toThrow(/takes no parameters/);
  });

  it("readQueryPairs keeps empty values and ignores empty pieces", () => {
    expect(readQueryPairs("http://x/api?a=&&b&c=1#frag")).toEqual([["a", ""], ["b", ""], ["c", "1"]]);
  });
});

describe("parseJsonBody", () => {
  const body = z.object({ liked: z.array(z.string()) }).strict();
  const post = (text: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = { "content-type": "application/json" }) =>
    new Request("http://x/api", { method: "POST", body: text, headers });

  it("takes application/json, with or without charset=utf-8", async () => {
    await expect(parseJsonBody(post('{"liked":["a"]}'), body)).resolves.toEqual({ liked: ["a"] });
    await expect(parseJsonBody(post('{"liked":["a"]}', { "content-type": "Application/JSON; charset=UTF-8" }), body)).resolves.toEqual({ liked: ["a"] });
  });

  it("refuses other content types, none and a foreign charset with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/jsonp"]) {
      await expect(parseJsonBody(post('{"liked":["a"]}', { "content-type": type }), body), type).rejects.toMatchObject({ kind: "unsupported_media_type" });
    }
    const none = new Request("http://x/api", { method: "POST", body: new Uint8Array(Buffer.from('{"liked":["a"]}')) });
    expect(none.headers.get("content-type")).toBeNull();
    await expect(parseJsonBody(none, body)).rejects.toMatchObject({ kind: "unsupported_media_type" });
    await expect(parseJsonBody(post('{"liked":["a"]}', { "content-type": "application/json", "content-encoding": "gzip" }), body)).rejects.toMatchObject({
      kind: "unsupported_media_type",
      code: "unsupported_content_encoding",
    });
  });

  it("refuses invalid UTF-8, NUL and lone surrogates in values and keys with 400", async () => {
    const bytes = new Uint8Array([...Buffer.from('{"liked":["a'), 0xff, ...Buffer.from('"]}')]);
    await expect(parseJsonBody(post(bytes), body)).rejects.toMatchObject({ code: "invalid_json", message: expect.stringMatching(/UTF-8/) });
    await expect(parseJsonBody(post('{"liked":["\\u0000"]}'), body)).rejects.toMatchObject({ code: "invalid_body", message: "liked.0: must not contain a NUL character" });
    await expect(parseJsonBody(post('{"liked":["\\ud800"]}'), body)).rejects.toMatchObject({ code: "invalid_body", message: expect.stringMatching(/^liked\.0: .*surrogate/) });
    await expect(parseJsonBody(post('{"li\\u0000ked":["a"]}'), body)).rejects.toMatchObject({ code: "invalid_body", message: expect.stringMatching(/key/) });
    // A valid pair is fine.
    await expect(parseJsonBody(post('{"liked":["\\ud83c\\udfac"]}'), body)).resolves.toEqual({ liked: ["🎬"] });
  });

  it("survives deep nesting without a stack overflow", async () => {
    const deep = "[".repeat(50_000) + "]".repeat(50_000);
    await expect(parseJsonBody(post(`{"liked":${deep}}`), body)).rejects.toMatchObject({ kind: "invalid_input" });
  });
});

describe("apiMethods", () => {
  const methods = apiMethods({ GET: async () => Response.json({ ok: true }) });
  const req = (method: string, headers: Record<string, string> = {}) => new Request("http://x/api/thing", { method, headers });

  it("serves GET and HEAD, answers OPTIONS with 204 and Allow", async () => {
    expect((await methods.GET(req("GET"), undefined)).status).toBe(200);
    expect((await methods.HEAD(req("HEAD"), undefined)).status).toBe(200);
    const options = await methods.OPTIONS(req("OPTIONS"), undefined);
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("answers every other method with 405, Allow and the JSON error shape", async () => {
    for (const m of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = await methods[m](req(m), undefined);
      expect(res.status, m).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(apiErrorBodySchema.parse(await res.json()).error).toMatchObject({ code: "method_not_allowed", message: `${m} is not allowed on /api/thing; allowed: GET, HEAD, OPTIONS.` });
    }
    const trace = await methods.OPTIONS(req("OPTIONS", { [GUARDED_METHOD_HEADER]: "TRACE" }), undefined);
    expect(trace.status).toBe(405);
    expect((await trace.json()).error.message).toMatch(/^TRACE is not allowed/);
  });

  it("lists POST for a POST route", async () => {
    const post = apiMethods({ POST: async () => Response.json({}) });
    expect((await post.GET(req("GET"), undefined)).headers.get("allow")).toBe("POST, OPTIONS");
    expect((await post.HEAD(req("HEAD"), undefined)).status).toBe(405);
  });
});

describe("If-None-Match", () => {
  it("uses RFC 9110 weak comparison and honours *", () => {
    const etag = '"abc"';
    for (const h of ['"abc"', 'W/"abc"', '"x", W/"abc"', "*", ' "x" ,"abc" ']) expect(ifNoneMatchHits(h, etag), h).toBe(true);
    expect(ifNoneMatchHits('W/"abc"', 'W/"abc"')).toBe(true);
    for (const h of ['"abcd"', "abc", "", 'W/"ab"', '"a,bc"']) expect(ifNoneMatchHits(h, etag), h).toBe(false);
    expect(ifNoneMatchHits(null, etag)).toBe(false);
  });
});

describe("the HTTP guard's path check", () => {
  it("accepts decodable paths and names what is wrong with the others", () => {
    expect(pathProblem("/api/movies/search")).toBeNull();
    expect(pathProblem("/api/caf%C3%A9")).toBeNull();
    expect(pathProblem("/api/%E0%A4%A")).toMatch(/malformed/);
    expect(pathProblem("/api/%zz")).toMatch(/malformed/);
    expect(pathProblem("/api/%FF")).toMatch(/UTF-8/);
    expect(pathProblem("/api/a%00b")).toMatch(/NUL/);
  });
});

describe("/api/health without a database", () => {
  const globalForDb = globalThis as unknown as { appDatabase?: unknown };
  afterEach(() => {
    delete globalForDb.appDatabase;
    vi.restoreAllMocks();
  });

  it("answers 503 database_unavailable, not 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = Promise.reject(new Error("connection refused"));
    failing.catch(() => undefined);
    globalForDb.appDatabase = failing;
    const { GET } = await import("@/app/api/health/route");
    const res = await GET(new Request("http://x/api/health"), undefined);
    expect(res.status).toBe(503);
    expect(apiErrorBodySchema.parse(await res.json()).error.code).toBe("database_unavailable");
  });
});
