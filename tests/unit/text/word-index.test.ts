import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/ml/rng";
import { foldText } from "@/lib/text/fold";
import { deletionsOf, typoBudget, WordIndex, withinEditDistance } from "@/lib/text/word-index";

describe("foldText", () => {
  it("folds case, accents, ampersands and punctuation", () => {
    expect(foldText("Beyoncé & Jay-Z")).toBe("beyonce and jay z");
    expect(foldText("  Don't Stop   Believin' ")).toBe("dont stop believin");
    expect(foldText("AC/DC")).toBe("ac dc");
  });
});

describe("WordIndex", () => {
  const songs = [
    { title: "I Will Always Love You", artist: "Whitney Houston", plays: 50 },
    { title: "Love Story", artist: "Taylor Swift", plays: 90 },
    { title: "Love", artist: "Keyshia Cole", plays: 10 },
    { title: "Crazy in Love", artist: "Beyoncé", plays: 70 },
    { title: "Halo", artist: "Beyoncé", plays: 80 },
  ];
  const index = new WordIndex(songs.map((s) => ({ item: s, primary: s.title, secondary: s.artist, popularity: s.plays })));
  const titles = (q: string, limit = 10) => index.search(q, limit).map((s) => s.title);

  it("ranks an exact title, then title prefixes, then words inside titles, each best known first", () => {
    expect(titles("love")).toEqual(["Love", "Love Story", "Crazy in Love", "I Will Always Love You"]);
  });

  it("matches every query word as the start of a word of the title or artist", () => {
    expect(titles("whitney love")).toEqual(["I Will Always Love You"]);
    expect(titles("beyonce")).toEqual(["Halo", "Crazy in Love"]);
    expect(titles("ove")).toEqual([]);
  });

  it("ignores case and accents, respects the limit and answers nothing for an empty query", () => {
    expect(titles("CRAZY IN")).toEqual(["Crazy in Love"]);
    expect(titles("love", 2)).toEqual(["Love", "Love Story"]);
    expect(titles("  !! ")).toEqual([]);
  });
});

describe("WordIndex against a plain scan", () => {
  it("gives the same answers as ranking every entry, for random catalogues and queries", () => {
    const rng = createRng(42);
    const syllables = ["la", "lo", "love", "me", "you", "a", "an", "and", "i", "in", "night", "nine", "tear", "tears", "the", "them"];
    const phrase = (n: number) => Array.from({ length: n }, () => syllables[rng.int(syllables.length)]).join(" ");
    const items = Array.from({ length: 400 }, (_, id) => ({ id, title: phrase(1 + rng.int(4)), artist: phrase(1 + rng.int(2)), plays: rng.int(1000) + id / 1000 }));
    const index = new WordIndex(items.map((s) => ({ item: s, primary: s.title, secondary: s.artist, popularity: s.plays })));
    const scan = (q: string, limit: number) => {
      const f = foldText(q);
      const words = f.split(" ").map((w) => ` ${w}`);
      const tierOf = (s: (typeof items)[number]) => {
        const t = ` ${foldText(s.title)} `;
        const all = ` ${foldText(s.title)} ${foldText(s.artist)} `;
        if (foldText(s.title) === f) return 0;
        if (t.startsWith(` ${f}`)) return 1;
        if (words.every((w) => t.includes(w))) return 2;
        if (words.every((w) => all.includes(w))) return 3;
        return -1;
      };
      return items
        .map((s) => ({ s, tier: tierOf(s) }))
        .filter((x) => x.tier >= 0)
        .sort((a, b) => a.tier - b.tier || b.s.plays - a.s.plays)
        .slice(0, limit)
        .map((x) => x.s.id);
    };
    for (let i = 0; i < 300; i++) {
      const words = phrase(1 + rng.int(3)).split(" ");
      const q = words.map((w) => (rng.next() < 0.4 ? w.slice(0, 1 + rng.int(w.length)) : w)).join(" ");
      const limit = 1 + rng.int(12);
      expect(index.search(q, limit).map((s) => s.id), `"${q}" limit ${limit}`).toEqual(scan(q, limit));
    }
  });
});

describe("WordIndex with typos", () => {
  const films = [
    { title: "The Godfather", pop: 100 },
    { title: "The Godfather Part II", pop: 90 },
    { title: "Goodfellas", pop: 80 },
    { title: "Casablanca", pop: 70 },
    { title: "Terminator 2: Judgment Day", pop: 60 },
    { title: "Cat", pop: 5 },
  ];
  const strict = new WordIndex(films.map((f) => ({ item: f.title, primary: f.title, popularity: f.pop })));
  const loose = new WordIndex(
    films.map((f) => ({ item: f.title, primary: f.title, popularity: f.pop })),
    { typos: true },
  );

  it("finds a title with one typo in a word of 4+ letters, two in a word of 8+; exact matches first", () => {
    expect(strict.search("casablanka", 5)).toEqual([]);
    expect(loose.search("casablanka", 5)).toEqual(["Casablanca"]);
    expect(loose.search("godfahter", 5)).toEqual(["The Godfather", "The Godfather Part II"]);
    expect(loose.search("terminater judgement", 5)).toEqual(["Terminator 2: Judgment Day"]);
    // "godfather" matches as typed; the typo tier adds nothing unrelated ahead of it.
    expect(loose.search("godfather", 5).slice(0, 2)).toEqual(["The Godfather", "The Godfather Part II"]);
  });

  it("does not stretch short words, nor words beyond their budget", () => {
    expect(loose.search("cut", 5)).toEqual([]);
    expect(loose.search("casabxxxca", 5)).toEqual([]);
    expect(loose.search("godfather xyzzy", 5)).toEqual([]);
  });

  it("keeps the strict index (radio's) exactly as it was", () => {
    expect(strict.search("godfahter", 5)).toEqual([]);
  });
});

describe("typo lookup by deletions (SymSpell)", () => {
  it("finds the same titles as checking the edit distance to every word, for random typos", () => {
    const rng = createRng(7);
    const letters = "abcdeilmnorst";
    const word = () => Array.from({ length: 3 + rng.int(8) }, () => letters[rng.int(letters.length)]).join("");
    const titles = Array.from({ length: 300 }, (_, id) => ({ id, title: `${word()} ${word()}` }));
    const index = new WordIndex(titles.map((t) => ({ item: t.id, primary: t.title, popularity: 1000 - t.id })), { typos: true });
    const vocabulary = [...new Set(titles.flatMap((t) => t.title.split(" ")))];
    for (let n = 0; n < 200; n++) {
      const source = vocabulary[rng.int(vocabulary.length)].split("");
      // One or two edits: substitute, delete or insert a letter.
      for (let e = 0; e <= rng.int(2); e++) {
        const at = rng.int(source.length);
        const op = rng.int(3);
        if (op === 0) source[at] = letters[rng.int(letters.length)];
        else if (op === 1 && source.length > 1) source.splice(at, 1);
        else source.splice(at, 0, letters[rng.int(letters.length)]);
      }
      const q = source.join("");
      const budget = typoBudget(q);
      const near = new Set(vocabulary.filter((w) => w.startsWith(q) || (budget > 0 && withinEditDistance(q, w, budget))));
      const expected = titles.filter((t) => t.title.split(" ").some((w) => near.has(w))).map((t) => t.id);
      expect(new Set(index.search(q, 1000)), q).toEqual(new Set(expected));
    }
  });

  it("lists a word's deletions up to a depth", () => {
    expect([...deletionsOf("abc", 1)].sort()).toEqual(["ab", "abc", "ac", "bc"]);
    expect(deletionsOf("abcd", 2).size).toBe(1 + 4 + 6);
  });
});

describe("withinEditDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(withinEditDistance("kitten", "sitting", 3)).toBe(true);
    expect(withinEditDistance("kitten", "sitting", 2)).toBe(false);
    expect(withinEditDistance("amelie", "amelie", 0)).toBe(true);
    expect(withinEditDistance("parasite", "parasites", 1)).toBe(true);
    expect(typoBudget("cat")).toBe(0);
    expect(typoBudget("star")).toBe(1);
    expect(typoBudget("godfather")).toBe(2);
  });
});
