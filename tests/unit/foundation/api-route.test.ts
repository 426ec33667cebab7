import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { apiRoute, cachedJsonResponse, HTTP_STATUS_BY_KIND, parseJsonBody, parseQuery } from "@/lib/api/route";
import { createConcurrencyLimiter } from "@/lib/api/limiter";
import { DomainError, invalidInput, notFound, type DomainErrorKind } from "@/lib/errors";
import { ImageInputError } from "@/lib/vision/errors";

const querySchema = z.object({ q: z.string().min(1), k: z.coerce.number().int().min(1).max(100).default(10) });

describe("apiRoute and parsers", () => {
  const handler = apiRoute(async (request: Request) => Response.json(parseQuery(request, querySchema)));

  it("parses a valid query and applies defaults", async () => {
    const res = await handler(new Request("http://x/api?q=alien"), undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ q: "alien", k: 10 });
  });

  it("answers invalid input with 400 and the one error shape naming the field", async () => {
    const res = await handler(new Request("http://x/api?q=alien&k=1000"), undefined);
    expect(res.status).toBe(400);
    const body = apiErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.message).toMatch(/^k: /);
  });

  it("answers a DomainError with its code and message, and the status of its kind", async () => {
    const h = apiRoute(async () => {
      throw notFound("unknown_title", "No film called X.");
    });
    const res = await h(new Request("http://x/api"), undefined);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "unknown_title", message: "No film called X." } });
  });

  it("maps each DomainError kind to exactly one HTTP status", async () => {
    const expected: Record<DomainErrorKind, number> = {
      invalid_input: 400,
      not_found: 404,
      too_large: 413,
      unsupported_media_type: 415,
      unprocessable: 422,
      forbidden: 403,
      busy: 503,
    };
    expect(HTTP_STATUS_BY_KIND).toEqual(expected);
    for (const [kind, status] of Object.entries(expected) as [DomainErrorKind, number][]) {
      const h = apiRoute(async () => {
        throw new DomainError(kind, `some_${kind}`, `A ${kind} error.`);
      });
      const res = await h(new Request("http://x/api"), undefined);
      expect(res.status, kind).toBe(status);
      expect(await res.json()).toEqual({ error: { code: `some_${kind}`, message: `A ${kind} error.` } });
    }
  });

  it("a ZodError escaping a handler is our fault (stored data that no longer fits): logged 500, not the caller's 400", async () => {
    const stored = z.object({ children: z.array(z.unknown()) });
    const h = apiRoute(async () => Response.json(stored.parse({ children: "broken row" })));
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await h(new Request("http://x/api/numbers/tree"), undefined);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side; it has been logged." } });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it("keeps details in the body only when there are some", async () => {
    const h = apiRoute(async () => {
      throw invalidInput("unknown_titles", 'Unknown film title: "X".', { titles: ["X"] });
    });
    const res = await h(new Request("http://x/api"), undefined);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "unknown_titles", message: 'Unknown film title: "X".', details: { titles: ["X"] } } });
  });

  it("answers errors thrown deep in lib (image input, busy limiter) without route-side translation", async () => {
    const image = apiRoute(async () => {
      throw new ImageInputError("not_an_image", "Unsupported image format: svg.", { format: "svg" });
    });
    const res = await image(new Request("http://x/api"), undefined);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { code: "not_an_image", message: "Unsupported image format: svg.", details: { format: "svg" } } });
    const cases: [ImageInputError, number][] = [
      [new ImageInputError("empty", "e"), 400],
      [new ImageInputError("invalid_pixels", "e"), 400],
      [new ImageInputError("too_large", "e"), 413],
      [new ImageInputError("too_many_pixels", "e"), 413],
      [new ImageInputError("truncated", "e"), 422],
      [new ImageInputError("corrupt", "e"), 422],
    ];
    for (const [err, status] of cases) {
      expect(err).toBeInstanceOf(DomainError);
      expect(HTTP_STATUS_BY_KIND[err.kind], err.code).toBe(status);
    }

    const limiter = createConcurrencyLimiter(1, 0, "Busy with other images.");
    let release!: () => void;
    const running = limiter.run(() => new Promise<void>((r) => (release = r)));
    const res503 = await apiRoute(() => limiter.run(async () => Response.json({})))(new Request("http://x/api"), undefined);
    expect(res503.status).toBe(503);
    expect(await res503.json()).toEqual({ error: { code: "busy", message: "Busy with other images." } });
    release();
    await running;
  });

  it("hides unexpected errors behind a 500 without the stack", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const h = apiRoute(async () => {
      throw new Error("secret detail at /srv/app.ts:12");
    });
    const res = await h(new Request("http://x/api"), undefined);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).error.code).toBe("internal_error");
    spy.mockRestore();
  });

  it("rejects bodies over the limit with 413, invalid JSON and schema failures with 400", async () => {
    const schema = z.object({ liked: z.array(z.string()).max(3) });
    const post = (body: string) => new Request("http://x/api", { method: "POST", body, headers: { "content-type": "application/json" } });
    await expect(parseJsonBody(post("x".repeat(2000)), schema, 1000)).rejects.toMatchObject({ kind: "too_large", code: "body_too_large" });
    await expect(parseJsonBody(post("{not json"), schema)).rejects.toMatchObject({ kind: "invalid_input", code: "invalid_json" });
    await expect(parseJsonBody(post('{"liked":[1]}'), schema)).rejects.toMatchObject({ kind: "invalid_input", code: "invalid_body" });
    await expect(parseJsonBody(post('{"liked":["Alien (film)"]}'), schema)).resolves.toEqual({ liked: ["Alien (film)"] });
  });
});

describe("cachedJsonResponse", () => {
  const etag = '"movies-map-abc"';
  const get = (ifNoneMatch?: string) =>
    new Request("http://x/api", ifNoneMatch ? { headers: { "if-none-match": ifNoneMatch } } : undefined);

  it("sends the body with its ETag, Cache-Control and JSON type", async () => {
    const res = cachedJsonResponse(get(), '{"a":1}', etag, "public, max-age=3600, must-revalidate");
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600, must-revalidate");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.text()).toBe('{"a":1}');
  });

  it("answers 304 without a body when If-None-Match names the ETag, alone or in a list", async () => {
    for (const header of [etag, `"other", ${etag}`, "*", `W/${etag}`, `"other",W/${etag}`]) {
      const res = cachedJsonResponse(get(header), '{"a":1}', etag, "no-cache");
      expect(res.status, header).toBe(304);
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(await res.text()).toBe("");
    }
    expect(cachedJsonResponse(get('"other"'), "{}", etag, "no-cache").status).toBe(200);
  });
});
