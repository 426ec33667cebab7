/** Which Spotify result is a radio song, and which word the crawl searches next (lib/radio/server/spotify). */
import { describe, expect, it } from "vitest";
import { artistParts, bareTitle, bestTrack, matchScore, trackSearchQuery } from "@/lib/radio/server/spotify/match";
import { countTitleWords, nextSearchWord, titleWords } from "@/lib/radio/server/spotify/words";

describe("bareTitle", () => {
  it("drops bracketed credits, featured artists and version suffixes", () => {
    expect(bareTitle("Gucci Time (w/ Swizz Beatz)")).toBe("Gucci Time");
    expect(bareTitle("Hot Toddy [feat. Jay-Z]")).toBe("Hot Toddy");
    expect(bareTitle("Moment 4 Life feat. Drake")).toBe("Moment 4 Life");
    expect(bareTitle("Let It Be - Remastered 2009")).toBe("Let It Be");
    expect(bareTitle("Hallelujah - Live at Sin-é")).toBe("Hallelujah");
  });
  it("keeps titles that only look decorated", () => {
    expect(bareTitle("Stay With Me")).toBe("Stay With Me");
    expect(bareTitle("Love - Hate")).toBe("Love - Hate");
    expect(bareTitle("(I Can't Get No) Satisfaction")).toBe("Satisfaction");
    expect(bareTitle("(  )")).toBe("(  )"); // never empty
  });
});

describe("artistParts and the search query", () => {
  it("lists the whole field first, then each artist", () => {
    expect(artistParts("Jay-Z & Kanye West")).toEqual(["Jay-Z & Kanye West", "Jay-Z", "Kanye West"]);
    expect(artistParts("Rihanna feat. Drake")).toEqual(["Rihanna feat. Drake", "Rihanna", "Drake"]);
    expect(artistParts("Bruno Mars")).toEqual(["Bruno Mars"]);
    expect(artistParts("  ")).toEqual([]);
  });
  it("searches the bare title and the first artist with field filters, quotes removed", () => {
    expect(trackSearchQuery({ title: "What's My Name (w/ Drake)", artist: "Rihanna" })).toBe('track:"What\'s My Name" artist:"Rihanna"');
    expect(trackSearchQuery({ title: 'The "Real" Slim Shady', artist: "Eminem & Dr. Dre" })).toBe('track:"The Real Slim Shady" artist:"Eminem"');
    expect(trackSearchQuery({ title: "Untitled", artist: "" })).toBe('track:"Untitled"');
  });
});

describe("bestTrack", () => {
  const song = { title: "Grenade", artist: "Bruno Mars" };
  it("needs the title and an artist to match", () => {
    expect(matchScore(song, { name: "Grenade", artists: ["Bruno Mars"] })).toBeGreaterThan(0);
    expect(matchScore(song, { name: "GRENADE", artists: ["bruno mars"] })).toBeGreaterThan(0);
    expect(matchScore(song, { name: "Grenade", artists: ["A Cover Band"] })).toBe(0);
    expect(matchScore(song, { name: "Grenades Away", artists: ["Bruno Mars"] })).toBe(0);
  });
  it("prefers the exact title over a version of it, whatever Spotify's order", () => {
    const remix = { name: "Grenade - Remix", artists: ["Bruno Mars"] };
    const original = { name: "Grenade", artists: ["Bruno Mars"] };
    expect(bestTrack(song, [remix, original])).toBe(original);
    expect(bestTrack(song, [remix])).toBe(remix); // a version is better than nothing
  });
  it("prefers the whole artist field over one of its parts, and Spotify's order among equals", () => {
    const duet = { title: "Empire State of Mind", artist: "Jay-Z & Alicia Keys" };
    const solo = { name: "Empire State of Mind", artists: ["JAY-Z", "Alicia Keys"] };
    expect(matchScore(duet, solo)).toBeGreaterThan(0);
    const a = { name: "Empire State of Mind", artists: ["Jay-Z"] };
    const b = { name: "Empire State of Mind", artists: ["Jay-Z"] };
    expect(bestTrack(duet, [a, b])).toBe(a);
    const whole = { name: "Empire State of Mind", artists: ["Jay-Z & Alicia Keys"] };
    expect(bestTrack(duet, [a, whole])).toBe(whole);
  });
  it("folds accents and punctuation, and matches data-set credits to Spotify's", () => {
    expect(bestTrack({ title: "Gucci Time (w/ Swizz Beatz)", artist: "Gucci Mane" }, [{ name: "Gucci Time (feat. Swizz Beatz)", artists: ["Gucci Mane", "Swizz Beatz"] }])).not.toBeNull();
    expect(bestTrack({ title: "Déjà Vu", artist: "Beyoncé" }, [{ name: "Deja Vu", artists: ["Beyonce", "JAY-Z"] }])).not.toBeNull();
  });
  it("takes an exact title for a song without an artist, and nothing when no title matches", () => {
    expect(bestTrack({ title: "Intro", artist: "" }, [{ name: "Intro", artists: ["Anyone"] }])).not.toBeNull();
    expect(bestTrack(song, [])).toBeNull();
    expect(bestTrack(song, [{ name: "Talking to the Moon", artists: ["Bruno Mars"] }])).toBeNull();
  });
});

describe("crawl words", () => {
  it("folds title words", () => {
    expect(titleWords("Don't Stop: GREATEST Hits & Café")).toEqual(["dont", "stop", "greatest", "hits", "and", "cafe"]);
    expect(titleWords("!!!")).toEqual([]);
  });
  it("starts with 'a', then picks the most frequent unsearched word, ties alphabetically", () => {
    const titles = ["A Love Song", "Love Songs for a Rainy Day", "a summer of love", "Greatest Love Hits", "hits hits"];
    expect(countTitleWords(titles).get("love")).toBe(4);
    expect(nextSearchWord(titles, new Set())).toBe("a");
    expect(nextSearchWord(titles, new Set(["a"]))).toBe("love");
    expect(nextSearchWord(titles, new Set(["a", "love"]))).toBe("hits");
    // All of these occur once: alphabetical order decides.
    expect(nextSearchWord(titles, new Set(["a", "love", "hits"]))).toBe("day");
    expect(nextSearchWord([], new Set(["a"]))).toBeNull();
    expect(nextSearchWord(["a"], new Set(["a"]))).toBeNull();
  });
});
