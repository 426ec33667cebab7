import { describe, expect, it } from "vitest";

import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { distanceWithAlignment } from "@/lib/numbers/core/distance";
import {
  MAX_QUERY_WORD_LENGTH,
  distanceQuerySchema,
  distanceWithAlignmentSchema,
  numbersResultSchema,
  numbersTreeNodeSchema,
  rawNumbersDataSchema,
} from "@/lib/numbers/core/schema";

const section = (words: string[]) => words.map((word, index) => `; ${index + 1} :${word}`);

const raw = {
  Alpha: section(["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"]),
  Beta: section(["eins", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun", "zehn"]),
  Gamma: section(["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"]),
};

describe("numbersResultSchema", () => {
  it("accepts what computeNumbersResult returns", () => {
    const result = computeNumbersResult(raw);
    expect(numbersResultSchema.parse(result)).toEqual(result);
    expect(rawNumbersDataSchema.parse(raw)).toEqual(raw);
  });

  it("rejects broken results", () => {
    const result = computeNumbersResult(raw);
    expect(numbersResultSchema.safeParse({ ...result, pairs: [{ ...result.pairs[0], score: 0 }] }).success).toBe(false);
    expect(numbersResultSchema.safeParse({ ...result, universal: [{ number: 11, word: "x", language: "Alpha" }] }).success).toBe(false);
    expect(numbersResultSchema.safeParse({ ...result, languages: [{ ...result.languages[0], words: ["one"] }] }).success).toBe(false);
  });

  it("validates nested trees", () => {
    expect(numbersTreeNodeSchema.safeParse({ children: [{ name: "a" }, { children: [{ name: "b" }] }] }).success).toBe(true);
    expect(numbersTreeNodeSchema.safeParse({ children: [{ name: 3 }] }).success).toBe(false);
  });
});

describe("distanceWithAlignmentSchema", () => {
  it("accepts the playground's answer", () => {
    const answer = distanceWithAlignment("veer", "fear");
    expect(distanceWithAlignmentSchema.parse(answer)).toEqual(answer);
  });
});

describe("distanceQuerySchema", () => {
  it("trims both words", () => {
    expect(distanceQuerySchema.parse({ a: "  tres ", b: "trehsh" })).toEqual({ a: "tres", b: "trehsh" });
  });

  it("rejects missing, empty and blank words", () => {
    expect(distanceQuerySchema.safeParse({ a: "x" }).success).toBe(false);
    expect(distanceQuerySchema.safeParse({ a: "", b: "x" }).success).toBe(false);
    expect(distanceQuerySchema.safeParse({ a: "x", b: "   " }).success).toBe(false);
  });

  it("allows at most 64 characters", () => {
    expect(MAX_QUERY_WORD_LENGTH).toBe(64);
    expect(distanceQuerySchema.safeParse({ a: "a".repeat(64), b: "x" }).success).toBe(true);
    expect(distanceQuerySchema.safeParse({ a: "a".repeat(65), b: "x" }).success).toBe(false);
  });
});
