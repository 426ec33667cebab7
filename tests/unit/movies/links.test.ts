import path from "node:path";
import { describe, expect, it } from "vitest";

import { buildFromSource, parseDbpediaLine, readOriginalNdjson, readPrustFolder } from "@/lib/movies/pipeline/raw";
import { buildFromOriginal, buildFromPrust, isFilmLead, parseOriginalLine, splitPeople } from "@/lib/movies/pipeline/links";
import { genreTitles } from "@/lib/movies/pipeline/genres";
import { studioTitle } from "@/lib/movies/pipeline/studios";
import type { LinkData } from "@/lib/movies/core/types";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/movies");
const tiny = { minFilmsPerLink: 2, minLinksPerFilm: 1 };

function linksOf(data: LinkData, title: string): Map<string, string> {
  const f = data.films.findIndex((film) => film.title === title);
  expect(f, `film ${title}`).toBeGreaterThanOrEqual(0);
  return new Map([...data.filmLinks[f]].map((id) => [data.links[id].name, data.links[id].kind]));
}

describe("raw sources", () => {
  it("reads the prust folder: 2023 lists, the 2016 list and DBpedia edges", () => {
    const raw = readPrustFolder(path.join(FIXTURES, "raw"));
    expect(raw.entries2023).toHaveLength(11);
    expect(raw.entries2016).toHaveLength(4);
    expect(raw.dbpedia).toContainEqual({ property: "musicComposer", film: "Alien (film)", object: "Jerry Goldsmith" });
  });

  it("parses DBpedia URIs into Wikipedia titles (percent-decoded, underscores as spaces)", () => {
    expect(parseDbpediaLine("http://dbpedia.org/resource/%22Crocodile%22_Dundee_II http://dbpedia.org/resource/Paul_Hogan", "starring")).toEqual({
      property: "starring",
      film: '"Crocodile" Dundee II',
      object: "Paul Hogan",
    });
    expect(parseDbpediaLine("only-one", "x")).toBeNull();
  });

  it("reads the original NDJSON format and names the bad line", () => {
    const lines = readOriginalNdjson(path.join(FIXTURES, "films.ndjson"));
    expect(lines).toHaveLength(5);
    expect(lines[0][0]).toBe("Alien (film)");
    expect(lines[0][3]).toBe("98%");
    expect(lines[1][4]).toBeNull();
    expect(() => parseOriginalLine('{"not": "a list"}')).toThrow(/expected/);
  });
});

describe("link building from the prust lists", () => {
  const { data, stats } = buildFromSource({ folder: path.join(FIXTURES, "raw") }, tiny);

  it("keeps real film articles once each, drops section links, TV series and entries without an article", () => {
    const titles = data.films.map((f) => f.title).sort();
    expect(titles).toEqual(["Alien (film)", "Alien 3", "Aliens (film)", "Blade Runner", "Star Wars (film)", "Terminator 2: Judgment Day", "The Terminator"]);
    expect(stats.dropped).toMatchObject({ noHref: 1, sectionHref: 1, notAFilm: 1, duplicateHref: 1 });
    const aliens = data.films.find((f) => f.title === "Aliens (film)")!;
    expect(aliens.year).toBe(1986); // the duplicate whose year the lead confirms
    expect(aliens.displayTitle).toBe("Aliens");
    expect(aliens.thumbnail).toBe("https://upload.wikimedia.org/wikipedia/en/f/fb/Aliens_poster.jpg");
  });

  it("derives cast, genre, director, studio, series, based-on, composer and mention links with their kinds", () => {
    const alien = linksOf(data, "Alien (film)");
    expect(alien.get("Sigourney Weaver")).toBe("cast");
    expect(alien.get("Science fiction film")).toBe("genre");
    expect(alien.get("Horror film")).toBe("genre");
    expect(alien.get("Ridley Scott")).toBe("director"); // from prust-2016 and "directed by"
    expect(alien.get("20th Century Fox")).toBe("studio"); // "20th Century-Fox" alias
    expect(alien.get("Aliens (film)")).toBe("series"); // back link of "sequel to Alien (1979)"
    expect(alien.get("Alien")).toBe("series"); // "the first film in the Alien franchise"
    const aliens = linksOf(data, "Aliens (film)");
    expect(aliens.get("Alien (film)")).toBe("series");
    expect(aliens.get("James Cameron")).toBe("director");
    expect(aliens.get("Michael Biehn")).toBe("cast");
    const t2 = linksOf(data, "Terminator 2: Judgment Day");
    // Sequel chains are closed (series navbox): Alien 3 -> Aliens -> Alien, so Alien 3 links to Alien.
    expect(linksOf(data, "Alien 3").get("Alien (film)")).toBe("series");
    expect(t2.get("Brad Fiedel")).toBe("composer"); // DBpedia infobox edge
    expect(t2.get("Los Angeles")).toBe("mention"); // capitalised name in 3 leads
    expect(linksOf(data, "Alien 3").get("20th Century Fox")).toBe("studio");
    // The Terminator's studio ("Orion" in the notes, "Orion Pictures" in the lead) is one link, used by one film only: dropped.
    expect(linksOf(data, "The Terminator").has("Orion Pictures")).toBe(false);
    // Used by one film only: dropped.
    expect(linksOf(data, "Blade Runner").has("Philip K. Dick")).toBe(false);
  });

  it("keeps only links that enough films have, and counts them", () => {
    for (const link of data.links) expect(link.films).toBeGreaterThanOrEqual(2);
    const counted = new Map<number, number>();
    for (const ids of data.filmLinks) for (const id of ids) counted.set(id, (counted.get(id) ?? 0) + 1);
    data.links.forEach((l, id) => expect(counted.get(id)).toBe(l.films));
    expect(stats.pairs).toBe(data.filmLinks.reduce((s, a) => s + a.length, 0));
    for (const ids of data.filmLinks) for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]);
  });

  it("ranks films best known first", () => {
    for (let i = 1; i < data.films.length; i++) expect(data.films[i - 1].popularity).toBeGreaterThanOrEqual(data.films[i].popularity);
  });
});

describe("link building from the original NDJSON", () => {
  const { data } = buildFromOriginal(readOriginalNdjson(path.join(FIXTURES, "films.ndjson")), tiny);

  it("uses the outgoing links, kinds from the infobox, years from 'released', no files or categories", () => {
    const alien3 = linksOf(data, "Alien 3");
    expect(alien3.get("Sigourney Weaver")).toBe("cast");
    expect(alien3.get("Alien (franchise)")).toBe("link");
    expect([...alien3.keys()].some((k) => k.startsWith("Category:") || k.startsWith("File:"))).toBe(false);
    expect(linksOf(data, "The Terminator").get("James Cameron")).toBe("director");
    const alien = data.films.find((f) => f.title === "Alien (film)")!;
    expect(alien.year).toBe(1979);
    expect(alien.displayTitle).toBe("Alien");
    expect(alien.thumbnail).toBe("https://en.wikipedia.org/wiki/Special:FilePath/Alien_movie_poster.jpg");
  });
});

describe("helpers", () => {
  it("maps list genres to Wikipedia titles", () => {
    expect(genreTitles("Science Fiction")).toEqual(["Science fiction film"]);
    expect(genreTitles("Noir")).toEqual(["Film noir"]);
    expect(genreTitles("Action-comedy")).toEqual(["Action comedy film"]);
    expect(genreTitles("Crime drama")).toEqual(["Crime film"]);
    expect(genreTitles("Sci-fi")).toEqual(["Science fiction film"]);
    expect(genreTitles("Nonsense")).toEqual([]);
  });

  it("names studios by their article, Fox by the year", () => {
    expect(studioTitle("MGM", 1950)).toBe("Metro-Goldwyn-Mayer");
    expect(studioTitle("Warner Bros", 1990)).toBe("Warner Bros.");
    expect(studioTitle("Fox", 1930)).toBe("Fox Film Corporation");
    expect(studioTitle("Fox", 1960)).toBe("20th Century Fox");
    expect(studioTitle("Brandywine Productions", 1979)).toBe("Brandywine Productions");
  });

  it("splits comma-joined cast cells and keeps Jr./Sr. with the name", () => {
    expect(splitPeople(["Robert Downey, Jr., Chris Evans, Mark Ruffalo"])).toEqual(["Robert Downey Jr.", "Chris Evans", "Mark Ruffalo"]);
    expect(splitPeople(["Centers around two families of lions and cheetahs who teach their cubs"])).toEqual([]);
    expect(splitPeople([""])).toEqual([]);
  });

  it("tells film leads from other articles", () => {
    expect(isFilmLead("Alien is a 1979 science fiction horror film directed by Ridley Scott.")).toBe(true);
    expect(isFilmLead("The Smuggler is a 1911 American silent short romantic drama.")).toBe(true);
    expect(isFilmLead("Franny's Feet is a Canadian animated children's television series.")).toBe(false);
    expect(isFilmLead("The Newsboy is a bronze sculpture of a newspaper carrier in Columbus, Ohio.")).toBe(false);
  });
});

describe("series links", () => {
  it("never links a film to itself, and gives the first film its franchise", () => {
    const { data } = buildFromSource({ folder: path.join(FIXTURES, "raw") }, tiny);
    data.films.forEach((f, i) => {
      for (const id of data.filmLinks[i]) expect(data.links[id].name).not.toBe(f.title);
    });
    expect(linksOf(data, "Alien (film)").get("Alien")).toBe("series");
  });
});

describe("remake families", () => {
  const kong = (year: number, lead: string) => ({ title: "King Kong", year, href: `King_Kong_(${year}_film)`, genres: ["Adventure"], extract: lead });
  const entries = [
    kong(1933, "King Kong is a 1933 American adventure film about a giant ape."),
    kong(1976, "King Kong is a 1976 American adventure film. It is a remake of the 1933 film about a giant ape."),
    kong(2005, "King Kong is a 2005 adventure film. It is a remake of the 1933 film about a giant ape."),
  ];
  const options = { minFilmsPerLink: 2, minLinksPerFilm: 1 };

  it("links every version to the others and to the story named by the first version", () => {
    const { data } = buildFromPrust(entries, [], [], options);
    const links = linksOf(data, "King Kong (2005 film)");
    expect(links.get("King Kong (1933 film)")).toBe("series");
    expect(links.get("King Kong (1976 film)")).toBe("series");
    expect(links.get("King Kong")).toBe("based_on");
  });

  it("keeps no relations from one build to the next", () => {
    const first = buildFromPrust(entries, [], [], options);
    buildFromPrust(entries.slice(1), [], [], options);
    expect(buildFromPrust(entries, [], [], options)).toEqual(first);
  });
});
