import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { GET as distanceGET } from "@/app/api/numbers/distance/route";
import { GET as pairsGET } from "@/app/api/numbers/pairs/route";
import { distanceResponseSchema } from "@/lib/numbers/core/api-schema";

// The routes get their database from getDatabase(), which keeps it on globalThis.appDatabase.
// These tests only take paths that fail (or finish) before touching it; a getter that throws
// makes any accidental database use a visible 500 instead of opening .data/pglite.
const globalForDb = globalThis as unknown as { appDatabase?: unknown };
beforeAll(() => {
  Object.defineProperty(globalForDb, "appDatabase", {
    configurable: true,
    get() {
      throw new Error("unit tests must not touch the database");
    },
  });
});
afterAll(() => {
  delete globalForDb.appDatabase;
});

const call = (handler: typeof pairsGET, url: string) => handler(new Request(`http://test${url}`), undefined);

async function expectBadRequest(response: Response, code: string, message: RegExp) {
  expect(response.status).toBe(400);
  const body = apiErrorBodySchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
  return body;
}

describe("GET /api/numbers/pairs", () => {
  it.each([
    ["limit=-1", /^limit: must be at least 1/],
    ["limit=0", /^limit: must be at least 1/],
    ["limit=abc", /^limit: must be a number/],
    ["limit=", /^limit: must be a number/],
    ["limit=2.5", /^limit: must be a whole number/],
    ["limit=1&limit=2", /^limit: given more than once/],
  ])("answers ?%s with 400 before touching the database", async (query, message) => {
    await expectBadRequest(await call(pairsGET, `/api/numbers/pairs?${query}`), "invalid_query", message);
  });
});

describe("GET /api/numbers/distance", () => {
  it("computes the distance and alignment without a database", async () => {
    const response = await call(distanceGET, "/api/numbers/distance?a=veer&b=fear");
    expect(response.status).toBe(200);
    const body = distanceResponseSchema.parse(await response.json());
    expect(body.a).toBe("veer");
    expect(body.b).toBe("fear");
    // v -> f sound alike (0.4), a doubled e is nearly free (0.1), an a next to an e is cheap (0.2).
    expect(body.distance).toBeCloseTo(0.7, 12);
    expect(body.alignment.map((step) => step.op)).toEqual(["substitute", "delete", "match", "insert", "match"]);
    expect(body.alignment.reduce((sum, step) => sum + step.cost, 0)).toBe(body.distance);
  });

  it("normalises and trims like the page does", async () => {
    const body = distanceResponseSchema.parse(await (await call(distanceGET, "/api/numbers/distance?a=%20Tr%C3%AAs%20&b=TRES")).json());
    expect(body).toMatchObject({ a: "tres", b: "tres", distance: 0 });
  });

  it.each([
    ["b=fear", /^a: /, "invalid_query"],
    ["a=veer", /^b: /, "invalid_query"],
    ["a=&b=fear", /^a: must not be empty/, "invalid_query"],
    ["a=%20%20&b=fear", /^a: must not be empty/, "invalid_query"],
    [`a=${"x".repeat(65)}&b=fear`, /^a: Too big/, "invalid_query"],
    ["a=veer&b=fear&b=veer", /^b: /, "invalid_query"],
    ["a=123&b=fear", /^a: "123" has no letters a-z after normalising/, "no_letters"],
    ["a=veer&b=%3F!", /^b: "\?!" has no letters a-z after normalising/, "no_letters"],
  ])("answers ?%s with a clear 400", async (query, message, code) => {
    await expectBadRequest(await call(distanceGET, `/api/numbers/distance?${query}`), code, message);
  });

  it("accepts a word of exactly 64 characters", async () => {
    const response = await call(distanceGET, `/api/numbers/distance?a=${"x".repeat(64)}&b=x`);
    expect(response.status).toBe(200);
  });
});
