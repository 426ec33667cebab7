import { describe, expect, it } from "vitest";
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

  it("compares trimmed, normalised words: distance and alignment worked out by hand", () => {
    // veer -> fear: v/f share a Soundex class (0.4); one e of the doubled "ee" goes (0.1);
    // the a joins a vowel cluster "ea" (0.2). 0.4 + 0.1 + 0.2 = 0.7, cheaper than e->a (0.4).
    const veer = comparePlaygroundWords(" veer ", "fear");
    if (!veer.ok) throw new Error(`refused: ${JSON.stringify(veer.problems)}`);
    expect(veer.result).toMatchObject({ a: "veer", b: "fear" });
    expect(veer.result.distance).toBeCloseTo(0.7, 12);
    expect(veer.result.alignment).toEqual([
      { op: "substitute", from: "v", to: "f", cost: 0.4 },
      { op: "delete", from: "e", cost: 0.1 },
      { op: "match", from: "e", to: "e", cost: 0 },
      { op: "insert", to: "a", cost: 0.2 },
      { op: "match", from: "r", to: "r", cost: 0 },
    ]);
    // Sieben -> seven (case folded): the i of "ie" goes (0.2); b/v are different classes (1.8).
    const sieben = comparePlaygroundWords("Sieben", " seven");
    if (!sieben.ok) throw new Error(`refused: ${JSON.stringify(sieben.problems)}`);
    expect(sieben.result).toMatchObject({ a: "sieben", b: "seven" });
    expect(sieben.result.distance).toBeCloseTo(2, 12);
    expect(sieben.result.alignment.filter((s) => s.op !== "match")).toEqual([
      { op: "delete", from: "i", cost: 0.2 },
      { op: "substitute", from: "b", to: "v", cost: 1.8 },
    ]);
    expect(sieben.result.alignment.map((s) => s.op)).toEqual(["match", "delete", "match", "substitute", "match", "match"]);
    expect(comparePlaygroundWords("veer", "")).toEqual({ ok: false, problems: { a: null, b: { code: "empty", message: "Type a word." } } });
    expect(comparePlaygroundWords("123", "seven")).toEqual({
      ok: false,
      problems: { a: { code: "no_letters", message: '"123" has no letters a-z after normalising, so there is nothing to compare.' }, b: null },
    });
  });

  it("gives the term a number adds to the pair score", () => {
    expect(similarityTerm(0)).toBe(1);
    expect(similarityTerm(10)).toBeCloseTo(0.3535533905932738, 15); // (10 / 20)^1.5 = 1 / (2 * sqrt 2)
  });
});
