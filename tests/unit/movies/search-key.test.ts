import { describe, expect, it } from "vitest";
import { movieSearchKey } from "@/lib/movies/core/text";
import { WordIndex } from "@/lib/text/word-index";

describe("movieSearchKey", () => {
  it("folds case and accents, drops a leading article and reads roman numerals from II up as digits", () => {
    expect(movieSearchKey("The Godfather Part II")).toBe("godfather part 2");
    expect(movieSearchKey("godfather part 2")).toBe("godfather part 2");
    expect(movieSearchKey("Amélie")).toBe("amelie");
    expect(movieSearchKey("Rocky IV")).toBe("rocky 4");
    expect(movieSearchKey("A Bug's Life")).toBe("bugs life");
  });

  it("leaves single letters, words that merely look roman, and a lone article alone", () => {
    expect(movieSearchKey("I, Robot")).toBe("i robot");
    expect(movieSearchKey("Malcolm X")).toBe("malcolm x");
    expect(movieSearchKey("Mix")).toBe("mix");
    expect(movieSearchKey("The")).toBe("the");
  });
});

describe("film search over a WordIndex with movieSearchKey", () => {
  const films = [
    { title: "The Godfather", popularity: 50 },
    { title: "The Godfather Part II", popularity: 48 },
    { title: "The Godfather Part III", popularity: 38 },
    { title: "Godfather's Revenge", popularity: 1 },
  ];
  const index = new WordIndex(films.map((f) => ({ item: f.title, primary: f.title, popularity: f.popularity })), { fold: movieSearchKey });

  it("puts the film whose title is the query first, article or not", () => {
    expect(index.search("godfather", 3)).toEqual(["The Godfather", "The Godfather Part II", "The Godfather Part III"]);
    expect(index.search("the godfather part 2", 3)[0]).toBe("The Godfather Part II");
    expect(index.search("part 3", 3)).toEqual(["The Godfather Part III"]);
  });
});
