import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { displayName, isJokeArticle } from "@/lib/numbers/core/joke";
import { extractNativeWords, nativeSpelling, nativeWordsByLanguage } from "@/lib/numbers/core/native";
import type { RawNumbersData } from "@/lib/numbers/core/types";

const raw = JSON.parse(fs.readFileSync("data/numbers/numbers.json", "utf8")) as RawNumbersData;

describe("nativeSpelling", () => {
  it.each([
    [" drei (''drigh'' – sounds like the English word ''dry'')", "drei"],
    [" eins ([[File:Loudspeaker.svg|15px|x|link=Media:De-eins.ogg]] ''[[Media:De-eins.ogg|ighnss]]'')", "eins"],
    [" один (''ah-DEEN'') ''m'', одна (''ahd-NAH'') ''f''", "один"],
    [" ένας/μία/ένα (''EH-nahs / MEE-ah / EH-nah'')", "ένας/μία/ένα"],
    ["  ๓ (''saam'') สาม", "สาม"],
    [" един (''eh-DEEN'') [m.] една/едно [fem./neut.]", "един"],
    [" one ஒன்று (''ondru'')", "ஒன்று"],
    [" бір - bir (''beer'')", "бір - bir"],
    [" четири (''CHEH-tee-ree'') Referring to people: четирима", "четири"],
  ])("finds the written word in %j", (rest, expected) => {
    expect(nativeSpelling(rest)).toBe(expected);
  });

  it.each([["  (''eyn'')"], [" ١ (''waaHid'')"], [" one (''Ekeh'')"]])("gives nothing for a pronunciation or numeral only: %j", (rest) => {
    expect(nativeSpelling(rest)).toBe("");
  });
});

describe("native words of the shipped phrasebooks", () => {
  const result = computeNumbersResult(raw);
  const native = nativeWordsByLanguage(raw, result.languages.map((language) => language.name));

  it("gives ten entries for every kept language, the first line per number winning", () => {
    expect(native.size).toBe(75);
    for (const words of native.values()) expect(words).toHaveLength(10);
    expect(native.get("German")).toEqual(["eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"]);
    expect(native.get("Russian")!.slice(0, 3)).toEqual(["один", "два", "три"]);
    expect(extractNativeWords(["; 3 : drei (''drigh'')", "; 3 : trois (''trwah'')"])[2]).toBe("drei");
  });

  it("finds a written word for most languages and leaves the computed words alone", () => {
    const withNative = [...native.values()].filter((words) => words.filter(Boolean).length >= 8);
    expect(withNative.length).toBeGreaterThanOrEqual(55);
    expect(native.get("Yiddish")!.every((word) => word === "")).toBe(true);
    // The method's picks are untouched: German still compares the guide.
    expect(result.languages.find((language) => language.name === "German")!.words[2]).toBe("drigh");
  });

  it("keeps the joke article, shown as Goudy", () => {
    const joke = result.languages.filter((language) => isJokeArticle(language.name));
    expect(joke.map((language) => displayName(language.name))).toEqual(["Goudy"]);
    expect(displayName("German")).toBe("German");
  });
});
