import { describe, expect, it } from "vitest";

import { normaliseWord } from "@/lib/numbers/core/normalise";

describe("normaliseWord", () => {
  it("turns lowercase gh into y before anything else", () => {
    expect(normaliseWord("drigh")).toBe("driy");
    expect(normaliseWord("ighnss")).toBe("iynss");
  });

  it("is case-sensitive about gh: Gh and GH stay", () => {
    expect(normaliseWord("Ghana")).toBe("ghana");
    expect(normaliseWord("GH")).toBe("gh");
  });

  it("transliterates diacritics and other scripts to ASCII (as unidecode)", () => {
    expect(normaliseWord("três")).toBe("tres");
    expect(normaliseWord("fünf")).toBe("funf");
    expect(normaliseWord("øtte")).toBe("otte");
    expect(normaliseWord("Ærø")).toBe("aero");
    expect(normaliseWord("Straße")).toBe("strasse");
    expect(normaliseWord("два")).toBe("dva");
    expect(normaliseWord("τρία")).toBe("tria");
    expect(normaliseWord("北京")).toBe("beijing");
  });

  it("lowercases and keeps only a-z", () => {
    expect(normaliseWord("KWAH-troo")).toBe("kwahtroo");
    expect(normaliseWord("sur'oo")).toBe("suroo");
    expect(normaliseWord("3 x!")).toBe("x");
    expect(normaliseWord("“tree”")).toBe("tree");
    expect(normaliseWord("")).toBe("");
  });

  it("is idempotent on normalised words", () => {
    for (const word of ["tres", "iynss", "kwahtroo"]) expect(normaliseWord(normaliseWord(word))).toBe(word);
  });
});
