import { describe, expect, it } from "vitest";

import {
  cleanPronunciation,
  compareCodePoints,
  extractNumberWords,
  parseLanguages,
  parsePythonInt,
  pickWord,
  pyStrip,
  splitNumberLine,
} from "@/lib/numbers/core/parse";

/** Section lines for 1..10 built from a list of words (no space after ':'). */
function sectionFor(words: string[]): string[] {
  return words.map((word, index) => `; ${index + 1} :${word}`);
}

const TEN = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

describe("pyStrip", () => {
  it("strips the given characters from both ends only", () => {
    expect(pyStrip(" ;; 3 : x ;", " ;")).toBe("3 : x");
    expect(pyStrip("''trehsh''.", " '.\"")).toBe("trehsh");
  });

  it("strips Python's whitespace by default, including \\x1c and \\x85 but not \\ufeff", () => {
    expect(pyStrip("\x1c\x85 ; 1 : x\u3000")).toBe("; 1 : x");
    expect(pyStrip("\ufeffx")).toBe("\ufeffx");
  });
});

describe("parsePythonInt", () => {
  it("accepts what Python's int() accepts", () => {
    expect(parsePythonInt("7")).toBe(7);
    expect(parsePythonInt(" 10 ")).toBe(10);
    expect(parsePythonInt("+3")).toBe(3);
    expect(parsePythonInt("-2")).toBe(-2);
    expect(parsePythonInt("007")).toBe(7);
    expect(parsePythonInt("1_0")).toBe(10);
    // Other scripts' decimal digits count, as in Python.
    expect(parsePythonInt("३")).toBe(3);
    expect(parsePythonInt("١٠")).toBe(10);
    // Mathematical digit runs sit back to back; each still starts at 0.
    expect(parsePythonInt("\u{1D7D7}")).toBe(9);
    expect(parsePythonInt("\u{1D7E2}")).toBe(0);
  });

  it("rejects what Python's int() rejects", () => {
    for (const text of ["", " ", "1st", "1.5", "3 (3)", "_1", "1_", "1__0", "half", "2·45", "一"]) {
      expect(parsePythonInt(text), text).toBeNull();
    }
  });
});

describe("splitNumberLine", () => {
  it("splits at the first colon after stripping spaces and semicolons", () => {
    expect(splitNumberLine("; 3 : três (''trehsh'')")).toEqual({ number: 3, rest: " três (''trehsh'')" });
    expect(splitNumberLine("  ;;10 :dez: x ;")).toEqual({ number: 10, rest: "dez: x" });
  });

  it("drops thousands separators", () => {
    expect(splitNumberLine("; 1,000 : mil")?.number).toBe(1000);
    expect(splitNumberLine("; 1,000,000 : um milhão")?.number).toBe(1_000_000);
  });

  it("skips lines that are not `; <integer> : ...`", () => {
    expect(splitNumberLine("3 : três")).toBeNull();
    expect(splitNumberLine("; 3 três")).toBeNull();
    expect(splitNumberLine("; half : metade")).toBeNull();
    expect(splitNumberLine("; 1st : primeiro")).toBeNull();
    expect(splitNumberLine("==Numbers==")).toBeNull();
  });
});

describe("cleanPronunciation", () => {
  it("keeps the label of a [[Media:...|label]] link (and nothing else)", () => {
    expect(cleanPronunciation("[[File:x.svg|link=Media:De-eins.ogg]] ''[[Media:De-eins.ogg|ighnss]]''")).toBe("ighnss");
  });

  it("keeps what precedes the first space, '/' or '['", () => {
    expect(cleanPronunciation("dois mil")).toBe("dois");
    expect(cleanPronunciation("bilhão/bilião")).toBe("bilhão");
    expect(cleanPronunciation("uno[1]")).toBe("uno");
    expect(cleanPronunciation(" três")).toBe("");
  });

  it("turns ə into uh and strips quotes and dots at the ends", () => {
    expect(cleanPronunciation("zəs")).toBe("zuhs");
    expect(cleanPronunciation("''trehsh''")).toBe("trehsh");
    expect(cleanPronunciation("\"sur'oo\".")).toBe("sur'oo");
    expect(cleanPronunciation("'' ''")).toBe("");
  });
});

describe("pickWord", () => {
  it("prefers the first quoted parenthesised pronunciation over the word", () => {
    expect(pickWord(" três (''trehsh'')")).toBe("trehsh");
    expect(pickWord("dez (''dehsh'')")).toBe("dehsh");
    expect(pickWord("x (''first'') (''second'')")).toBe("first");
  });

  it("uses the word when there is no space after the colon and no pronunciation", () => {
    expect(pickWord("dez")).toBe("dez");
    expect(pickWord("uno (formal)")).toBe("uno");
  });

  it("ignores empty pronunciations ('' '') and moves on to the next quoted one", () => {
    expect(pickWord("wan ('' '')")).toBe("wan");
    expect(pickWord("x ('' '') (''b'')")).toBe("b");
  });

  it("gives nothing for a word after `: ` without a pronunciation (the original's quirk)", () => {
    expect(pickWord(" wan ('' '')")).toBe("");
    expect(pickWord(" uno (formal)")).toBe("");
  });

  it("can trim the text after the colon first (option, off by default)", () => {
    expect(pickWord(" wan ('' '')", { trimTextAfterColon: true })).toBe("wan");
  });

  it("reads pronunciations given as Media links", () => {
    const rest = " eins ([[File:Loudspeaker.svg|15px|Lautsprecherbild|link=Media:De-eins.ogg]] ''[[Media:De-eins.ogg|ighnss]]'')";
    expect(pickWord(rest)).toBe("ighnss");
  });
});

describe("extractNumberWords", () => {
  it("returns the ten words in order", () => {
    expect(extractNumberWords(sectionFor(TEN))).toEqual(TEN);
  });

  it("keeps the first non-empty word for a number", () => {
    const lines = ["; 1 : uno", "; 1 :first", "; 1 :second", ...sectionFor(TEN).slice(1)];
    expect(extractNumberWords(lines)?.[0]).toBe("first");
  });

  it("handles a missing space after ':' and thousands separators", () => {
    const lines = ["; 1,000 :mil", "; 10 :dez (''dehsh'')", ...sectionFor(TEN).slice(0, 9)];
    const words = extractNumberWords(lines);
    expect(words?.[9]).toBe("dehsh");
    // 1,000 is a thousand, not one.
    expect(words?.[0]).toBe("a");
  });

  it("ignores 0, 11 and words in other lines", () => {
    const lines = ["; 0 :zero", "Some text: not a number", "; 11 :eleven", ...sectionFor(TEN)];
    expect(extractNumberWords(lines)).toEqual(TEN);
  });

  it("drops a language that misses a number", () => {
    const lines = sectionFor(TEN).filter((line) => !line.startsWith("; 7 "));
    expect(extractNumberWords(lines)).toBeNull();
  });

  it("drops a language whose only word for a number is empty", () => {
    const lines = sectionFor(TEN).map((line) => (line.startsWith("; 4 ") ? "; 4 :  ('' '')" : line));
    expect(extractNumberWords(lines)).toBeNull();
  });
});

describe("parseLanguages", () => {
  it("keeps complete languages only, sorted by code point (not locale)", () => {
    const raw = {
      Zulu: sectionFor(TEN),
      Émile: sectionFor(TEN),
      aardvark: sectionFor(TEN),
      Ainu: sectionFor(TEN),
      Broken: sectionFor(TEN).slice(1),
    };
    expect(parseLanguages(raw).map((language) => language.name)).toEqual(["Ainu", "Zulu", "aardvark", "Émile"]);
  });

  it("compares by code point, also beyond the BMP", () => {
    expect(compareCodePoints("a", "b")).toBeLessThan(0);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
    // U+FF5E sorts before U+1F600 by code point, though not by UTF-16 unit.
    expect(compareCodePoints("\uff5e", "\u{1F600}")).toBeLessThan(0);
  });
});
