import { describe, expect, it } from "vitest";
import { distanceWithAlignment } from "@/lib/numbers/core/distance";
import { PLAYGROUND_MAX_LENGTH, comparePlaygroundWords, similarityTerm, wordProblem } from "@/lib/numbers/core/playground";
import { MAX_QUERY_WORD_LENGTH, distanceQuerySchema } from "@/lib/numbers/core/schema";

describe("playground rules", () => {
  it("uses the API's length limit", () => {
    expect(PLAYGROUND_MAX_LENGTH).toBe(MAX_QUERY_WORD_LENGTH);
  });

  it("refuses exactly what the API refuses", () => {
    for (const word of ["", "   ", "x".repeat(64), ` ${"x".repeat(64)} `, "x".repeat(65), "123", "?!", "veer", " três "]) {
      const apiAccepts = distanceQuerySchema.safeParse({ a: word, b: "x" }).success && wordProblem(word)?.code !== "no_letters";
      expect(wordProblem(word) === null, JSON.stringify(word)).toBe(apiAccepts);
    }
  });

  it("names the problem", () => {
    expect(wordProblem("")?.code).toBe("empty");
    expect(wordProblem("y".repeat(70))).toEqual({ code: "too_long", message: "At most 64 characters (this is 70)." });
    expect(wordProblem(" 123 ")?.message).toBe('"123" has no letters a-z after normalising, so there is nothing to compare.');
    expect(wordProblem("三")).toBeNull(); // transliterates to "san"
  });

  it("compares trimmed words with the library function", () => {
    expect(comparePlaygroundWords(" veer ", "fear")).toEqual({ ok: true, result: distanceWithAlignment("veer", "fear") });
    expect(comparePlaygroundWords("veer", "")).toEqual({ ok: false, problems: { a: null, b: { code: "empty", message: "Type a word." } } });
  });

  it("gives the term a number adds to the pair score", () => {
    expect(similarityTerm(0)).toBe(1);
    expect(similarityTerm(10)).toBeCloseTo(0.5 ** 1.5, 15);
  });
});
