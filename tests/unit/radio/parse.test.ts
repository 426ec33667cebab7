import { describe, expect, it } from "vitest";

import { buildVocabulary, filterPlaylists, splitPlaylists, toSentences, topArtistShare } from "@/lib/radio/pipeline/dataset";
import { addCrawledPlaylists, FIRST_CRAWLED_ID } from "@/lib/radio/pipeline/crawled";
import { buildCatalogue, canonicalPlaylists, cleanText, createCleanLog, parsePlaylists, parseSongHash, parseTagHash, parseTags } from "@/lib/radio/pipeline/parse";

// Tiny inline fixtures in the data set's format (note the space after each id).
const SONG_HASH = [
  "0 \tGucci Time (w\\/ Swizz Beatz)\tGucci Mane",
  "1 \tDon&t Stop Believin&\tJourney",
  "2 \tIt&s My Life\tBon Jovi",
  "3 \tR&B Thug\tR. Kelly",
  "4 \tU Got It Bad \tUsher",
  "5 \tU Got It Bad\tUsher",
  "6 \t-\t-",
  "7 \tIntro\t-",
  "8 \tIntro\t-",
  "9 \tI Will Be Here\tSneaky Sound System &amp; Tiesto",
  "10 \tMG_DELETED\t-",
  "11 \tWild Irish Rose\tO&Riley",
  "",
].join("\n");

describe("cleanText", () => {
  it("unescapes \\/ and decodes &amp;", () => {
    expect(cleanText("AC\\/DC")).toBe("AC/DC");
    expect(cleanText("Simon &amp; Garfunkel")).toBe("Simon & Garfunkel");
  });
  it("repairs & where it obviously stands for an apostrophe, and logs it", () => {
    const log = createCleanLog();
    expect(cleanText("Don&t Stop", log)).toBe("Don't Stop");
    expect(cleanText("It&s My Life", log)).toBe("It's My Life");
    expect(cleanText("I&m Yours", log)).toBe("I'm Yours");
    expect(cleanText("You&re Beautiful", log)).toBe("You're Beautiful");
    expect(cleanText("O&riley", log)).toBe("O'riley");
    expect(log.apostrophes.get("Don&t")).toBe("Don't");
  });
  it("leaves initialisms and band names alone", () => {
    const log = createCleanLog();
    for (const s of ["R&B", "AT&T", "C&C Music Factory", "X&Y", "Y&T", "Sh&t", "Simon & Garfunkel"]) expect(cleanText(s, log)).toBe(s);
    expect([...log.leftAlone]).toEqual(expect.arrayContaining(["R&B", "AT&T", "X&Y"]));
  });
  it("trims and collapses spaces", () => {
    expect(cleanText("  Ordinary   World ")).toBe("Ordinary World");
  });
});

describe("parseSongHash + buildCatalogue", () => {
  const raw = parseSongHash(SONG_HASH);
  const tagNames = parseTagHash("0, rock\n1, pop\n2, hip-hop\n");
  const tags = parseTags("2\n0 0\n#\n1\n1\n0\n#\n#\n#\n#\n#\n#\n", tagNames);
  const catalogue = buildCatalogue(raw, tags);

  it("reads ids, cleaned titles and artists ('-' = unknown)", () => {
    expect(raw[0]).toEqual({ id: 0, title: "Gucci Time (w/ Swizz Beatz)", artist: "Gucci Mane" });
    expect(raw[1].title).toBe("Don't Stop Believin&");
    expect(raw[7]).toEqual({ id: 7, title: "Intro", artist: "" });
    expect(raw[9].artist).toBe("Sneaky Sound System & Tiesto");
  });
  it("maps tag ids to names, '#' to none, duplicates once", () => {
    expect(tags[0]).toEqual(["hip-hop"]);
    expect(tags[1]).toEqual(["rock"]);
    expect(tags[2]).toEqual([]);
  });
  it("merges the same title + artist under the lowest id, uniting tags, and maps aliases", () => {
    expect(catalogue.songs.get(4)).toMatchObject({ title: "U Got It Bad", aliases: [5], tags: ["pop", "rock"] });
    expect(catalogue.songs.has(5)).toBe(false);
    expect(catalogue.canonical.get(5)).toBe(4);
    expect(catalogue.merged).toBe(1);
  });
  it("keeps unknown-artist songs apart and drops placeholders", () => {
    expect(catalogue.songs.has(7) && catalogue.songs.has(8)).toBe(true);
    expect(catalogue.songs.has(6)).toBe(false);
    expect(catalogue.songs.has(10)).toBe(false);
    expect(catalogue.placeholders).toBe(2);
  });
  it("rewrites playlists in canonical ids, dropping placeholders", () => {
    const lists = parsePlaylists("0 1 2 3 4 5 6 7 8 9 10 11\n3 3 3 3\n0 1 2 3 \n5 6 0 \n");
    expect(lists).toHaveLength(2);
    expect(Array.from(canonicalPlaylists(lists, catalogue.canonical)[1])).toEqual([4, 0]);
  });
});

describe("playlist filters, split and vocabulary", () => {
  const artist = (id: number) => (id < 10 ? "A" : id < 20 ? "B" : "");
  it("measures the top artist's share (unknown artists not counted as one artist)", () => {
    expect(topArtistShare([1, 2, 11, 12], artist)).toBe(0.5);
    expect(topArtistShare([30, 31, 32], artist)).toBe(0);
  });
  it("drops one-artist, overlong and too-short playlists", () => {
    const lists = [Int32Array.from([1, 2, 3, 11]), Int32Array.from([1, 11, 12, 30]), Int32Array.from([1]), Int32Array.from([11, 1, 12, 2, 13, 3, 30])];
    const { kept, report } = filterPlaylists(lists, artist, { maxLength: 6, maxArtistShare: 0.5, minLength: 2 });
    expect(kept).toEqual([lists[1]]);
    expect(report).toEqual({ kept: 1, tooShort: 1, tooLong: 1, oneArtist: 1 });
  });
  it("holds out the same playlists for the same seed", () => {
    const a = splitPlaylists(1000, 0.1, 3);
    expect(a).toEqual(splitPlaylists(1000, 0.1, 3));
    expect(a.heldOut.length).toBeGreaterThan(60);
    expect(a.heldOut.length).toBeLessThan(140);
    expect(a.train.length + a.heldOut.length).toBe(1000);
  });
  it("keeps songs played min_count times, most played first, and drops the rest from sentences", () => {
    const lists = [Int32Array.from([5, 7, 5, 9]), Int32Array.from([7, 5, 8])];
    const vocab = buildVocabulary(lists, 2);
    expect(vocab.ids).toEqual([5, 7]);
    expect(vocab.plays).toEqual([3, 2]);
    expect(toSentences(lists, vocab).map((s) => Array.from(s))).toEqual([[0, 1, 0], [1, 0]]);
  });
});

describe("crawled playlists", () => {
  it("joins known songs by cleaned title + artist and numbers new ones from 1,000,000", () => {
    const catalogue = buildCatalogue(parseSongHash(SONG_HASH));
    const added = addCrawledPlaylists(catalogue, [
      [{ title: "u got it bad", artist: "USHER" }, { title: "New Song", artist: "Someone" }],
      [{ title: "New Song", artist: "Someone" }],
      [],
    ]);
    expect(added.playlists.map((p) => Array.from(p))).toEqual([[4, FIRST_CRAWLED_ID], [FIRST_CRAWLED_ID]]);
    expect(added.newSongs).toBe(1);
    expect(catalogue.songs.get(FIRST_CRAWLED_ID)).toMatchObject({ title: "New Song", artist: "Someone", tags: [] });
  });
});
