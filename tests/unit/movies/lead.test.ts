import { describe, expect, it } from "vitest";

import { mentionCandidates, parseLead, readNameList } from "@/lib/movies/pipeline/lead";
import { displayTitleOf, looksLikeName, nameKey, tokenize, wikiTitle } from "@/lib/movies/core/text";

describe("titles and names", () => {
  it("turns hrefs into article titles and display titles", () => {
    expect(wikiTitle("Harry_Potter_and_the_Philosopher%27s_Stone_(film)")).toBe("Harry Potter and the Philosopher's Stone (film)");
    expect(wikiTitle("eXistenZ")).toBe("EXistenZ");
    expect(displayTitleOf("Alien (film)")).toBe("Alien");
    expect(displayTitleOf("Psycho (1960 film)")).toBe("Psycho");
    expect(displayTitleOf("Ben-Hur (1959 film)")).toBe("Ben-Hur");
    expect(displayTitleOf("Alien 3")).toBe("Alien 3");
  });

  it("joins spelling variants by key", () => {
    expect(nameKey("Clé Bennett")).toBe(nameKey("Cle Bennett"));
    expect(nameKey("Robert Downey, Jr.")).toBe(nameKey("Robert Downey Jr."));
    expect(looksLikeName("(voices)")).toBe(false);
    expect(looksLikeName(")")).toBe(false);
    expect(looksLikeName("Erik von Detten")).toBe(true);
  });

  it("keeps initials and abbreviations inside sentences", () => {
    const tokens = tokenize("Directed by D. W. Griffith for Warner Bros. It stars Tyrone Power, Sr. The end.");
    expect(tokens.filter((t) => t.type === "end")).toHaveLength(3);
    expect(readNameList(tokens, 2)).toEqual(["D. W. Griffith"]);
  });
});

describe("lead paragraph facts", () => {
  it("reads roles, companies, source works and relations", () => {
    const facts = parseLead(
      "Aliens is a 1986 science fiction action film written and directed by James Cameron and produced by Gale Anne Hurd. It is the sequel to Alien (1979) and the second film in the Alien franchise. It stars Sigourney Weaver, Michael Biehn, and Bill Paxton. The score was composed by James Horner. It was distributed by 20th Century Fox.",
      "Aliens",
    );
    expect(facts.year).toBe(1986);
    expect(facts.people).toEqual(
      expect.arrayContaining([
        { name: "James Cameron", kind: "director" },
        { name: "James Cameron", kind: "writer" },
        { name: "Gale Anne Hurd", kind: "producer" },
        { name: "Sigourney Weaver", kind: "cast" },
        { name: "Bill Paxton", kind: "cast" },
        { name: "James Horner", kind: "composer" },
      ]),
    );
    expect(facts.companies).toContain("20th Century Fox");
    expect(facts.relations).toEqual([{ relation: "sequel", title: "Alien", year: 1979 }]);
    expect(facts.franchises).toEqual(["Alien"]);
  });

  it("reads 'based on' with author and work, and 'of the same name'", () => {
    const a = parseLead("Blade Runner is a 1982 film. It is based on the 1968 novel Do Androids Dream of Electric Sheep? by Philip K. Dick.", "Blade Runner");
    expect(a.works).toEqual(["Do Androids Dream of Electric Sheep"]);
    expect(a.people).toContainEqual({ name: "Philip K. Dick", kind: "based_on" });
    const b = parseLead("Psycho is a 1960 film. It was based on the 1959 novel of the same name by Robert Bloch.", "Psycho");
    expect(b.works).toEqual(["Psycho"]);
    expect(b.people).toContainEqual({ name: "Robert Bloch", kind: "based_on" });
    const c = parseLead("It is a remake of the 1928 German film Phantom of the Range.", "X");
    expect(c.relations).toEqual([{ relation: "remake", title: "Phantom of the Range", year: 1928 }]);
  });

  it("does not take a surname or a single first name as a person", () => {
    const facts = parseLead("Daybreakers is a 2009 film written and directed by Michael and Peter Spierig.", "Daybreakers");
    expect(facts.people.map((p) => p.name)).toEqual(["Peter Spierig", "Peter Spierig"]);
  });

  it("lists capitalised names as mention candidates, longest and split at 'and'", () => {
    const found = mentionCandidates("It is set during World War II in Los Angeles. Laurel and Hardy appear.", (w) => w === "It");
    const names = found.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["World War II in Los Angeles", "World War II", "Los Angeles", "Laurel and Hardy", "Laurel", "Hardy"]));
    expect(names).not.toContain("It");
  });
});

describe("follow-up relations", () => {
  it("reads 'led to a sequel, X (year)' as this film being the prequel of X", () => {
    const facts = parseLead("Alien 3 is a 1992 film. It is the third installment of the Alien franchise and led to a sequel, Alien Resurrection (1997).", "Alien 3");
    expect(facts.relations).toEqual([{ relation: "prequel", title: "Alien Resurrection", year: 1997 }]);
    expect(facts.franchises).toEqual(["Alien"]);
  });
});
