import { describe, expect, it } from "vitest";

import { decodeFloat16, decodeLayout, decodeLinks, decodeMovies, decodePairs, encodeFloat16, encodeLayout, encodeLinks, encodeMovies, encodePairs, fromFloat16Bits, toFloat16Bits } from "@/lib/movies/core/format";
import type { Film, Link } from "@/lib/movies/core/types";

describe("compact files", () => {
  it("round-trips films, shortening Wikimedia thumbnail URLs", () => {
    const films: Film[] = [
      { title: "Alien (film)", displayTitle: "Alien", year: 1979, genres: ["Horror film", "Science fiction film"], thumbnail: "https://upload.wikimedia.org/wikipedia/en/c/c3/Alien_movie_poster.jpg", popularity: 54.2 },
      { title: "Alien 3", displayTitle: "Alien 3", year: null, genres: [], thumbnail: null, popularity: 1 },
      { title: "X", displayTitle: "X", year: 2000, genres: ["Horror film"], thumbnail: "https://example.org/x.jpg", popularity: 2 },
    ];
    const text = encodeMovies(films);
    expect(text).toContain('"en/c/c3/Alien_movie_poster.jpg"');
    expect(decodeMovies(text)).toEqual(films);
  });

  it("round-trips links and pairs", () => {
    const links: Link[] = [
      { name: "Ridley Scott", kind: "director", films: 3 },
      { name: "Horror film", kind: "genre", films: 3 },
    ];
    expect(decodeLinks(encodeLinks(links))).toEqual(links);
    const filmLinks = [Int32Array.from([0, 1, 200, 70000]), Int32Array.from([]), Int32Array.from([5])];
    const bytes = encodePairs(filmLinks, 70001);
    expect(bytes.length).toBeLessThan(16 + 12);
    const back = decodePairs(bytes);
    expect(back.linkCount).toBe(70001);
    expect(back.filmLinks.map((a) => Array.from(a))).toEqual(filmLinks.map((a) => Array.from(a)));
    expect(() => encodePairs([Int32Array.from([2, 2])], 3)).toThrow(/ascending/);
    expect(() => decodePairs(bytes.slice(0, 20))).toThrow(/truncated/);
  });

  it("encodes float16 to within half-precision rounding", () => {
    for (const x of [0, 1, -1, 0.5, 0.1, -0.333, 65504, 1e-5, 6e-8]) {
      const back = fromFloat16Bits(toFloat16Bits(x));
      expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.max(Math.abs(x) * 2 ** -11, 2 ** -25));
    }
    expect(fromFloat16Bits(toFloat16Bits(1e6))).toBe(Infinity);
    const values = Float32Array.from([0.25, -0.7071, 0.0123]);
    const back = decodeFloat16(encodeFloat16(values));
    values.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 3));
  });

  it("round-trips the layout", () => {
    const layout = { cols: 2, rows: 2, clusters: 2, gridX: Int32Array.from([0, 1, 0]), gridY: Int32Array.from([0, 0, 1]), x: Float32Array.from([0.5, 1.25, -3]), y: Float32Array.from([1, 2, 3]), cluster: Int32Array.from([0, 1, 1]) };
    expect(decodeLayout(encodeLayout(layout))).toEqual(layout);
  });
});
