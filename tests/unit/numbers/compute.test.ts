import fs from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { treeLeafOrder } from "@/lib/numbers/core/cluster";
import type { NumbersResult, NumbersTreeNode, RawNumbersData } from "@/lib/numbers/core/types";

const DATA_FILE = new URL("../../../data/numbers/numbers.json", import.meta.url);
// Output of the original Python method on the same data (see data/numbers/README.md).
const REFERENCE_FILE = new URL("../../fixtures/numbers/python-reference.json", import.meta.url);

interface PythonReference {
  languages: string[];
  universal: { number: number; word: string; language: string }[];
  treeOrder: string[];
  tree: NumbersTreeNode;
  pairs: [number, number, number][];
}

const raw = JSON.parse(fs.readFileSync(DATA_FILE, "utf8")) as RawNumbersData;
const reference = JSON.parse(fs.readFileSync(REFERENCE_FILE, "utf8")) as PythonReference;

let result: NumbersResult;

beforeAll(() => {
  result = computeNumbersResult(raw); // its speed: `npm run bench -- seed`
});

function score(a: string, b: string): number {
  const pair = result.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (!pair) throw new Error(`no pair ${a}/${b}`);
  return pair.score;
}

describe("computeNumbersResult on the shipped data", () => {
  it("keeps the languages that give all ten numbers (75 of 191)", () => {
    expect(Object.keys(raw)).toHaveLength(191);
    expect(result.languages.length).toBeGreaterThanOrEqual(60);
    expect(result.languages).toHaveLength(75);
    expect(result.languages.map((language) => language.name)).toEqual(reference.languages);
    for (const language of result.languages) {
      expect(language.words).toHaveLength(10);
      expect(language.normalised).toHaveLength(10);
      for (const word of language.normalised) expect(word).toMatch(/^[a-z]+$/);
    }
  });

  it("picks pronunciations the way the original does", () => {
    const words = (name: string) => result.languages.find((language) => language.name === name)!.words;
    expect(words("Portuguese")[2]).toBe("trehsh");
    expect(words("German")[0]).toBe("ighnss");
    expect(words("Danish")[2]).toBe("trre");
    const german = result.languages.find((language) => language.name === "German")!;
    expect(german.normalised.slice(0, 3)).toEqual(["iynss", "tsviy", "driy"]);
    // Written words after "; n : " without a pronunciation give nothing.
    expect(result.languages.some((language) => language.name === "Sranan")).toBe(false);
  });

  it("finds the universal numbers the original published", () => {
    expect(result.universal).toEqual(reference.universal);
    expect(result.universal.map((u) => u.word)).toEqual(["een", "DOO-ah", "trre", "Char", "haa", "SEH-ee", "Saat", "Aath", "eene", "deh"]);
    expect(result.universal.map((u) => u.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const universal of result.universal) {
      const language = result.languages.find((l) => l.name === universal.language);
      expect(language, universal.language).toBeDefined();
      expect(language!.words[universal.number - 1]).toBe(universal.word);
    }
  });

  it("scores every pair once, in (0, 1], best first, identical to the Python reference", () => {
    const n = result.languages.length;
    expect(result.pairs).toHaveLength((n * (n - 1)) / 2);
    for (let i = 0; i < result.pairs.length; i++) {
      const pair = result.pairs[i];
      expect(pair.score).toBeGreaterThan(0);
      expect(pair.score).toBeLessThanOrEqual(1);
      expect(pair.distances).toHaveLength(10);
      if (i > 0) expect(pair.score).toBeLessThanOrEqual(result.pairs[i - 1].score);
    }
    const expected = reference.pairs.map(([a, b, s]) => [reference.languages[a], reference.languages[b], s]);
    expect(result.pairs.map((pair) => [pair.a, pair.b, pair.score])).toEqual(expected);
  });

  it("scores related languages above unrelated ones", () => {
    expect(score("Croatian", "Serbian")).toBe(1);
    expect(score("Spanish", "Portuguese")).toBeGreaterThan(score("Spanish", "Japanese"));
    expect(score("Spanish", "Castilian Spanish")).toBeGreaterThan(score("Spanish", "Finnish"));
    expect(score("Czech", "Slovak")).toBeGreaterThan(score("Czech", "Japanese"));
    expect(score("Dutch", "German")).toBeGreaterThan(score("Dutch", "Tamil"));
    expect(score("Finnish", "Estonian")).toBeGreaterThan(score("Finnish", "Spanish"));
    expect(score("Lao", "Thai")).toBeGreaterThan(0.99);
  });

  it("lists the five closest languages per language, best first", () => {
    expect(Object.keys(result.closest).sort()).toEqual([...reference.languages].sort());
    expect(result.closest["Dutch"].map((c) => c.name)).toEqual(["Dutch Low Saxon", "Low German", "West Frisian", "Yiddish", "German"]);
    for (const [name, closest] of Object.entries(result.closest)) {
      expect(closest).toHaveLength(5);
      for (let i = 0; i < closest.length; i++) {
        expect(closest[i].name).not.toBe(name);
        expect(closest[i].score).toBe(score(name, closest[i].name));
        if (i > 0) expect(closest[i].score).toBeLessThanOrEqual(closest[i - 1].score);
      }
      // Nothing left out scores better than the fifth.
      const fifth = closest[4].score;
      const better = result.pairs.filter((p) => (p.a === name || p.b === name) && p.score > fifth);
      expect(better.length).toBeLessThanOrEqual(4);
    }
  });

  it("builds the same tree as the Python reference, with every language once", () => {
    expect(result.tree).toEqual(reference.tree);
    expect(result.treeOrder).toEqual(reference.treeOrder);
    expect(result.treeOrder).toEqual(treeLeafOrder(result.tree));
    expect([...result.treeOrder].sort()).toEqual([...reference.languages].sort());
    // Neighbours in the tree: the South Slavic languages sit together.
    const position = (name: string) => result.treeOrder.indexOf(name);
    expect(Math.abs(position("Croatian") - position("Serbian"))).toBeLessThanOrEqual(2);
  });

  it("is deterministic", () => {
    expect(computeNumbersResult(raw)).toEqual(result);
  });
});

describe("computeNumbersResult options", () => {
  it("can leave out project pages such as Wikivoyage joke articles", () => {
    expect(result.languages.some((language) => language.name.startsWith("Wikivoyage:"))).toBe(true);
    const filtered = computeNumbersResult(raw, { skipProjectPages: true });
    expect(filtered.languages.some((language) => language.name.includes(":"))).toBe(false);
    expect(filtered.languages).toHaveLength(result.languages.length - 1);
  });

  it("can also use written words after `: ` (more languages)", () => {
    const more = computeNumbersResult(raw, { trimTextAfterColon: true });
    expect(more.languages.length).toBeGreaterThan(result.languages.length);
    expect(more.languages.find((language) => language.name === "Sranan")?.words[0]).toBe("wan");
  });

  it("handles empty input", () => {
    const empty = computeNumbersResult({});
    expect(empty).toEqual({ languages: [], universal: [], pairs: [], tree: { children: [] }, treeOrder: [], closest: {} });
  });
});
