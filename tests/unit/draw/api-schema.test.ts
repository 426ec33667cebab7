import { describe, expect, it } from "vitest";
import { sampleBodySchema, stelaBodySchema } from "@/lib/draw/core/api-schema";

describe("draw API schemas", () => {
  it("take the documented bodies", () => {
    expect(sampleBodySchema.parse({ model: "glyphs", count: 64, temperature: 2, seed: -5 })).toEqual({ model: "glyphs", count: 64, temperature: 2, seed: -5 });
    expect(stelaBodySchema.parse({ count: 1, temperature: 0.1, seed: 0 })).toEqual({ count: 1, temperature: 0.1, seed: 0 });
  });

  it.each([
    [{ model: "cats", count: 1, temperature: 1, seed: 1 }],
    [{ model: "icons8", count: 0, temperature: 1, seed: 1 }],
    [{ model: "icons8", count: 65, temperature: 1, seed: 1 }],
    [{ model: "icons8", count: 1.5, temperature: 1, seed: 1 }],
    [{ model: "icons8", count: 1, temperature: 0.05, seed: 1 }],
    [{ model: "icons8", count: 1, temperature: 2.5, seed: 1 }],
    [{ model: "icons8", count: 1, temperature: 1, seed: 0.5 }],
    [{ model: "icons8", count: 1, temperature: 1 }],
    [{ model: "icons8", count: 1, temperature: 1, seed: 1, extra: true }],
  ])("refuse %j", (body) => {
    expect(sampleBodySchema.safeParse(body).success).toBe(false);
  });

  it("the stela takes no model", () => {
    expect(stelaBodySchema.safeParse({ model: "glyphs", count: 1, temperature: 1, seed: 1 }).success).toBe(false);
  });
});
