import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, apiErrorBodySchema } from "@/lib/api/errors";
import { apiRoute, parseJsonBody, parseQuery } from "@/lib/api/route";

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

  it("passes ApiError status and code through", async () => {
    const h = apiRoute(async () => {
      throw new ApiError(404, "unknown_title", "No film called X.");
    });
    const res = await h(new Request("http://x/api"), undefined);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "unknown_title", message: "No film called X." } });
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
    const post = (body: string) => new Request("http://x/api", { method: "POST", body });
    await expect(parseJsonBody(post("x".repeat(2000)), schema, 1000)).rejects.toMatchObject({ status: 413, code: "body_too_large" });
    await expect(parseJsonBody(post("{not json"), schema)).rejects.toMatchObject({ status: 400, code: "invalid_json" });
    await expect(parseJsonBody(post('{"liked":[1]}'), schema)).rejects.toMatchObject({ status: 400, code: "invalid_body" });
    await expect(parseJsonBody(post('{"liked":["Alien (film)"]}'), schema)).resolves.toEqual({ liked: ["Alien (film)"] });
  });
});
