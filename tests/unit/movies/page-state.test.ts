import { describe, expect, it } from "vitest";
import { formatPageQuery, parsePageQuery, parseStoredTaste } from "@/lib/movies/core/page-state";

describe("movies page state in the address", () => {
  it("reads Wikipedia-style titles and repeated or |-joined taste lists", () => {
    expect(parsePageQuery("?film=Alien_(film)")).toEqual({ film: "Alien (film)", liked: [], disliked: [], hasTaste: false });
    const shared = parsePageQuery("?film=Alien_(film)&like=Blade_Runner&like=The_Terminator|Alien_(film)&dislike=Titanic_(1997_film)&dislike=Blade_Runner");
    expect(shared.liked).toEqual(["Blade Runner", "The Terminator", "Alien (film)"]);
    // A film cannot be both: the like wins.
    expect(shared.disliked).toEqual(["Titanic (1997 film)"]);
    expect(shared.hasTaste).toBe(true);
    expect(parsePageQuery("").film).toBeNull();
  });

  it("writes what it reads, readably", () => {
    const state = { film: "Amélie", liked: ["Alien (film)", "AC/DC: Let There Be Rock"], disliked: ["Titanic (1997 film)"] };
    const query = formatPageQuery(state);
    expect(query).toContain("film=Am%C3%A9lie");
    expect(query).toContain("like=Alien_(film)");
    const { hasTaste, ...back } = parsePageQuery(query);
    expect(back).toEqual(state);
    expect(hasTaste).toBe(true);
    expect(formatPageQuery({ film: null, liked: [], disliked: [] })).toBe("");
  });

  it("reads stored taste and ignores junk", () => {
    expect(parseStoredTaste(JSON.stringify({ liked: ["Alien (film)", 3, ""], disliked: ["Alien (film)", "Titanic (1997 film)"] }))).toEqual({
      liked: ["Alien (film)"],
      disliked: ["Titanic (1997 film)"],
    });
    for (const junk of [null, "", "{", "[1,2]", "42", '{"liked":"x"}']) expect(parseStoredTaste(junk)).toEqual({ liked: [], disliked: [] });
  });
});
