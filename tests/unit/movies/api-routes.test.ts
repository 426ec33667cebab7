/**
 * The movie routes' input checks, called as modules: every request here fails in
 * validation, before the database is opened.
 */
import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { GET as searchGET } from "@/app/api/movies/search/route";
import { GET as similarGET } from "@/app/api/movies/similar/route";
import { POST as tastePOST } from "@/app/api/movies/taste/route";

async function expectError(response: Response | Promise<Response>, status: number, code: string): Promise<string> {
  const res = await response;
  const body = apiErrorBodySchema.parse(await res.json());
  expect(res.status, body.error.message).toBe(status);
  expect(body.error.code).toBe(code);
  return body.error.message;
}

const get = (handler: typeof searchGET, url: string) => handler(new Request(`http://localhost${url}`), {});
const post = (body: string, headers: Record<string, string> = {}) =>
  tastePOST(new Request("http://localhost/api/movies/taste", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }), {});

describe("GET /api/movies/search input", () => {
  it("needs a non-empty q", async () => {
    await expectError(get(searchGET, "/api/movies/search"), 400, "invalid_query");
    await expectError(get(searchGET, "/api/movies/search?q=%20%20"), 400, "invalid_query");
    await expectError(get(searchGET, `/api/movies/search?q=${"x".repeat(201)}`), 400, "invalid_query");
    await expectError(get(searchGET, "/api/movies/search?q=a&extra=1"), 400, "invalid_query");
  });
});

describe("GET /api/movies/similar input", () => {
  it("needs a title and k in 1..50", async () => {
    await expectError(get(similarGET, "/api/movies/similar"), 400, "invalid_query");
    expect(await expectError(get(similarGET, "/api/movies/similar?title=Alien&k=0"), 400, "invalid_query")).toContain("k");
    await expectError(get(similarGET, "/api/movies/similar?title=Alien&k=51"), 400, "invalid_query");
    await expectError(get(similarGET, "/api/movies/similar?title=Alien&k=2.5"), 400, "invalid_query");
    await expectError(get(similarGET, "/api/movies/similar?title=Alien&k=ten"), 400, "invalid_query");
  });
});

describe("POST /api/movies/taste input", () => {
  it("refuses bad JSON, no likes, too many films and unknown fields", async () => {
    await expectError(post("{"), 400, "invalid_json");
    await expectError(post(JSON.stringify({ liked: [] })), 400, "invalid_body");
    await expectError(post(JSON.stringify({ disliked: ["Alien"] })), 400, "invalid_body");
    const many = Array.from({ length: 51 }, (_, i) => `Film ${i}`);
    await expectError(post(JSON.stringify({ liked: many })), 400, "invalid_body");
    await expectError(post(JSON.stringify({ liked: ["Alien"], disliked: many })), 400, "invalid_body");
    await expectError(post(JSON.stringify({ liked: ["Alien"], loved: ["Aliens"] })), 400, "invalid_body");
    await expectError(post(JSON.stringify({ liked: [""] })), 400, "invalid_body");
    await expectError(post(JSON.stringify({ liked: ["Alien"], k: 0 })), 400, "invalid_body");
  });

  it("refuses a body over the size limit before reading it", async () => {
    await expectError(post("{}", { "content-length": "200000" }), 413, "body_too_large");
  });
});
