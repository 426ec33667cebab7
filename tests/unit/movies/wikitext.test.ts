import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { findTemplate, outgoingLinks, rottenTomatoes, stripCode, templateParams } from "@/lib/movies/pipeline/wikitext";
import { buildFromOriginal, parseOriginalLine } from "@/lib/movies/pipeline/links";
import type { OriginalFilmLine } from "@/lib/movies/core/types";
import { extractFilms } from "@/scripts/movies/extract";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/movies");

describe("wikitext", () => {
  it("finds a template with nested templates and splits its parameters", () => {
    const inner = findTemplate("x {{Infobox film\n| name = A\n| released = {{Film date|1979|5|25}}\n| starring = [[B|b]] }} y", "Infobox film")!;
    const params = templateParams(inner);
    expect([...params.keys()]).toEqual(["name", "released", "starring"]);
    expect(stripCode(params.get("released")!)).toBe("1979 5 25");
    expect(stripCode(params.get("starring")!)).toBe("b");
    expect(findTemplate("{{Infobox person|name=x}}", "Infobox film")).toBeNull();
  });

  it("strips markup, comments and references but keeps list items", () => {
    expect(stripCode("[[Tom Skerritt]]<br />[[Sigourney Weaver]]<ref>{{cite web|url=x}}</ref><!-- c -->")).toBe("Tom Skerritt\nSigourney Weaver");
    expect(stripCode("{{Plainlist|\n* [[A]]\n* [[B c|B]]\n}}")).toBe("A\nB");
    expect(stripCode("'''Bold''' {{nowrap|kept}} {{cite|dropped}}")).toBe("Bold kept");
  });

  it("lists article links only", () => {
    expect(outgoingLinks("[[science fiction film|sf]] [[File:x.jpg|thumb|[[Nostromo]]]] [[#Plot]] [[Category:X]] [[de:Y]] [[:Category:Z]] [[Foo#bar|b]] [[a_b]]")).toEqual([
      "Science fiction film",
      "Nostromo",
      "Foo",
      "A b",
    ]);
  });

  it("reads a Rotten Tomatoes score like the original (one percentage in the paragraph)", () => {
    expect(rottenTomatoes("Intro.\n\nOn Rotten Tomatoes it has 93% with an average of 9.1/10.")).toEqual(["93%", "9.1/10"]);
    expect(rottenTomatoes("On Rotten Tomatoes 97% and 98%.")).toEqual([null, null]);
    expect(rottenTomatoes("No reviews.")).toEqual([null, null]);
  });
});

describe("dump extraction", () => {
  it("streams an XML dump (in any chunking) into original NDJSON lines for film articles only", async () => {
    const xml = fs.readFileSync(path.join(FIXTURES, "enwiki-sample.xml"), "utf8");
    const chunks: string[] = [];
    for (let i = 0; i < xml.length; i += 97) chunks.push(xml.slice(i, i + 97));
    const lines: OriginalFilmLine[] = [];
    const counts = await extractFilms(chunks, (line) => lines.push(line));
    expect(counts).toEqual({ pages: 4, films: 2 }); // Talk: page skipped; redirect and person page have no film
    const [alien, aliens] = lines;
    expect(alien[0]).toBe("Alien (film)");
    expect(alien[1]).toMatchObject({
      name: "Alien",
      director: "Ridley Scott",
      producer: "Gordon Carroll\nDavid Giler\nWalter Hill",
      starring: "Tom Skerritt\nSigourney Weaver\nJohn Hurt",
      music: "Jerry Goldsmith",
      distributor: "20th Century-Fox",
      released: "1979 5 25",
    });
    expect(alien[1]).not.toHaveProperty("budget");
    expect(alien[2]).toEqual(expect.arrayContaining(["Ridley Scott", "Walter Hill (director)", "20th Century Fox", "Science fiction film", "Horror film", "Dan O'Bannon", "Rotten Tomatoes", "Nostromo", "Alien (law)"]));
    expect(alien[2].some((l) => /^(?:File|Category|De):|Not a link/.test(l))).toBe(false);
    expect(alien.slice(3)).toEqual(["93%", "9.1/10"]);
    expect(aliens[1]).toMatchObject({ director: "James Cameron", starring: "Sigourney Weaver\nMichael Biehn", released: "1986 7 18" });
    expect(aliens.slice(3)).toEqual([null, null]); // two percentages: ambiguous, as in the original
    // The lines are valid input for the link builder.
    const reparsed = lines.map((l) => parseOriginalLine(JSON.stringify(l)));
    const { data } = buildFromOriginal(reparsed, { minFilmsPerLink: 2, minLinksPerFilm: 1 });
    expect(data.films.map((f) => f.year)).toEqual(expect.arrayContaining([1979, 1986]));
    expect(data.links.map((l) => l.name)).toContain("Sigourney Weaver");
  });
});
