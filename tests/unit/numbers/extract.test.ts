import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { computeNumbersResult } from "@/lib/numbers/core/compute";
import { extractPhrasebookNumbers, formatRawNumbersData } from "@/lib/numbers/pipeline/dump";
import { DumpPageScanner, decodeXmlEntities } from "@/lib/wikidump/scanner";
import { findBzip2 } from "@/lib/wikidump/read";
import { extractNumbersSection, parseHeading, phrasebookLanguage } from "@/lib/numbers/pipeline/wikitext";
import { extractFromDumpFile } from "@/scripts/numbers/extract";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = path.join(REPO_ROOT, "tests/fixtures/numbers/enwikivoyage-sample.xml");
const SCRIPT = path.join(REPO_ROOT, "scripts/numbers/extract.ts");
const fixtureText = fs.readFileSync(FIXTURE, "utf8");

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "numbers-extract-"));
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

const TESTISH_SECTION = [
  "; 1 : één (''ayn'')",
  "; 2 : twee (''tway'')",
  "; 3 : drie & co (''dree'')",
  "; 4 : vier <b> (''veer'')",
  "; 5 : vijf (''vayf'') \"five\"",
  "; 6 : zes (''zehs'')",
  "; 7 : zeven (''ZAY-vuhn'')",
  "; 8 : acht (''ahgt'')",
  "; 9 : negen (''NAY-guhn'')",
  "; 10 : tien (''teen'')",
  "; 1,000 : duizend (''DUY-zuhnt'')",
  "====Ordinal====",
  "; 1st : eerste (''AYR-stuh'')",
];

const FISH_SECTION = ["", "; 1 : wun", "; 2 : too", "; 3 : free", "; 4 : for", "; 5 : fyve", "; 6 : six", "; 7 : seven", "; 8 : ate", "; 9 : nine", "; 10 : ten"];

/** The fixture cut into pieces of `size` characters. */
function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

describe("decodeXmlEntities", () => {
  it("decodes the five XML entities and character references once", () => {
    expect(decodeXmlEntities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;")).toBe("a & b <c> \"d\" 'e'");
    expect(decodeXmlEntities("&#39;&#x263A;&#X41;")).toBe("'☺&#X41;");
    // An escaped entity stays an entity: no double decoding.
    expect(decodeXmlEntities("&amp;lt;")).toBe("&lt;");
    expect(decodeXmlEntities("&nbsp; & &unknown;")).toBe("&nbsp; & &unknown;");
  });
});

describe("parseHeading", () => {
  it("reads MediaWiki headings", () => {
    expect(parseHeading("==Numbers==")).toEqual({ level: 2, title: "Numbers" });
    expect(parseHeading("=== Numbers === ")).toEqual({ level: 3, title: "Numbers" });
    expect(parseHeading("===Numbers==")).toEqual({ level: 2, title: "=Numbers" });
    expect(parseHeading("; 1 = one")).toBeNull();
    expect(parseHeading("==")).toBeNull();
    expect(parseHeading("x ==y==")).toBeNull();
  });
});

describe("extractNumbersSection", () => {
  const page = ["intro", "==Numbers==", "a", "===Sub===", "b", "==Next==", "c"].join("\n");

  it("takes the lines up to the next heading of the same or a higher level", () => {
    expect(extractNumbersSection(page, 0)).toEqual(["a", "===Sub===", "b"]);
    expect(extractNumbersSection("===numbers===\nx\n==Up==\ny", 0)).toEqual(["x"]);
    expect(extractNumbersSection("==Numbers==\nx\ny", 0)).toEqual(["x", "y"]);
  });

  it("skips short sections (the original's 11-line minimum) and pages without one", () => {
    expect(extractNumbersSection(page)).toBeNull();
    expect(extractNumbersSection("==Basics==\nhello", 0)).toBeNull();
  });
});

describe("phrasebookLanguage", () => {
  it("strips ' phrasebook' from phrasebook titles only", () => {
    expect(phrasebookLanguage("Portuguese phrasebook")).toBe("Portuguese");
    expect(phrasebookLanguage("Wikivoyage:Joke articles/Goudy phrasebook")).toBe("Wikivoyage:Joke articles/Goudy");
    expect(phrasebookLanguage("Amsterdam")).toBeNull();
    expect(phrasebookLanguage("Phrasebooks")).toBeNull();
  });
});

describe("DumpPageScanner", () => {
  it("finds every page however the stream is cut", () => {
    const expectedTitles = ["Amsterdam", "Testish phrasebook", "Shortish phrasebook", "Nonumbers phrasebook", "Empty phrasebook", "Fish & Chips phrasebook"];
    for (const size of [1, 3, 7, 64, 1000, fixtureText.length]) {
      const scanner = new DumpPageScanner();
      const pages = chunksOf(fixtureText, size).flatMap((chunk) => scanner.push(chunk));
      scanner.finish();
      expect(pages.map((page) => page.title), `chunk size ${size}`).toEqual(expectedTitles);
      expect(pages[4].text).toBe("");
      expect(pages[1].text).toContain("'''Testish''' is spoken <somewhere>.");
    }
  });

  it("does not decode pages it is told to skip", () => {
    const seen: string[] = [];
    const scanner = new DumpPageScanner((title) => {
      seen.push(title);
      return title === "Amsterdam";
    });
    expect(scanner.push(fixtureText).map((page) => page.title)).toEqual(["Amsterdam"]);
    expect(seen).toHaveLength(6);
  });

  it("complains about a dump cut off inside a page", () => {
    const scanner = new DumpPageScanner();
    scanner.push(fixtureText.slice(0, fixtureText.indexOf("</page>")));
    expect(() => scanner.finish()).toThrow(/inside a <page>/);
  });
});

describe("extractPhrasebookNumbers", () => {
  it("extracts the Numbers sections of phrasebooks only, entities decoded", async () => {
    const data = await extractPhrasebookNumbers(chunksOf(fixtureText, 50));
    expect(Object.keys(data)).toEqual(["Testish", "Fish & Chips"]);
    expect(data["Testish"]).toEqual(TESTISH_SECTION);
    expect(data["Fish & Chips"]).toEqual(FISH_SECTION);
  });

  it("keeps short sections when asked", async () => {
    const data = await extractPhrasebookNumbers([fixtureText], { minSectionLines: 0 });
    expect(data["Shortish"]).toEqual(["; 1 : uno (''OO-noh'')", "; 2 : dos (''dohs'')"]);
    expect(data["Nonumbers"]).toBeUndefined();
    expect(data["Empty"]).toBeUndefined();
  });

  it("feeds computeNumbersResult", async () => {
    const result = computeNumbersResult(await extractPhrasebookNumbers([fixtureText]));
    // Fish & Chips has written words after ": " only, so it is dropped.
    expect(result.languages.map((language) => language.name)).toEqual(["Testish"]);
    expect(result.languages[0].words).toEqual(["ayn", "tway", "dree", "veer", "vayf", "zehs", "ZAY-vuhn", "ahgt", "NAY-guhn", "teen"]);
  });
});

describe("formatRawNumbersData", () => {
  it("writes one language per line and parses back", () => {
    const data = { A: ["x", "; 1 : \"y\""], B: [] };
    const text = formatRawNumbersData(data);
    expect(text).toBe('{\n"A":["x","; 1 : \\"y\\""],\n"B":[]\n}\n');
    expect(JSON.parse(text)).toEqual(data);
    expect(JSON.parse(formatRawNumbersData({}))).toEqual({});
  });
});

describe("scripts/numbers/extract.ts", () => {
  it("reads a plain .xml dump", async () => {
    const data = await extractFromDumpFile(FIXTURE);
    expect(Object.keys(data)).toEqual(["Testish", "Fish & Chips"]);
  });

  it.skipIf(findBzip2() === null)("reads a .bz2 dump through the system bzip2", async () => {
    const compressed = path.join(tempDir, "sample.xml.bz2");
    const bzip2 = spawnSync(findBzip2()!, ["-c", FIXTURE]);
    expect(bzip2.status).toBe(0);
    fs.writeFileSync(compressed, bzip2.stdout);
    const data = await extractFromDumpFile(compressed);
    expect(data["Testish"]).toEqual(TESTISH_SECTION);
    expect(Object.keys(data)).toEqual(["Testish", "Fish & Chips"]);
  });

  it("reports a broken .bz2 file", async () => {
    const broken = path.join(tempDir, "broken.xml.bz2");
    fs.writeFileSync(broken, "not bzip2 at all");
    await expect(extractFromDumpFile(broken)).rejects.toThrow(findBzip2() === null ? /bzip2/ : /failed/);
  });

  it("reports a missing dump", async () => {
    await expect(extractFromDumpFile(path.join(tempDir, "nope.xml"))).rejects.toThrow(/not found/);
  });

  it("runs from the command line and writes the JSON file", () => {
    const output = path.join(tempDir, "out", "numbers.json");
    const run = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, FIXTURE, output], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^2 phrasebooks with a Numbers section/);
    const written = JSON.parse(fs.readFileSync(output, "utf8"));
    expect(written["Testish"]).toEqual(TESTISH_SECTION);

    const usage = spawnSync(process.execPath, ["--import", "tsx", SCRIPT], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^usage:/);
  });
});
