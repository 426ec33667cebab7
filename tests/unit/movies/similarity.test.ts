import { describe, expect, it } from "vitest";
import { blendedScore, CAST_IDF, describeShared, filmNorms, IDF_PIVOT_FILMS, jaccard, KIND_WEIGHTS, linkOverlap, linkWeights, weightedOverlap } from "@/lib/movies/core/similarity";
import type { Link } from "@/lib/movies/core/types";

describe("weighted link overlap (#9)", () => {
  // 0: a director 3 films have; 1: a genre 900 films have; 2: a star 30 films have.
  const links: Link[] = [
    { name: "Ridley Scott", kind: "director", films: 3 },
    { name: "Drama film", kind: "genre", films: 900 },
    { name: "Sigourney Weaver", kind: "cast", films: 30 },
  ];
  const weights = linkWeights(links, 1000);
  const films = [Int32Array.of(0, 1), Int32Array.of(0, 2), Int32Array.of(1, 2), Int32Array.of(1)];
  const norms = filmNorms(films, weights);
  const overlap = (a: number, b: number, shared?: number[]) => weightedOverlap(films[a], films[b], weights, norms[a], norms[b], shared);

  it("weighs a rare, telling link (a director) above a common one (a genre), where Jaccard sees no difference", () => {
    expect(weights[0]).toBeCloseTo(KIND_WEIGHTS.director * Math.log(1000 / 3), 10);
    expect(weights[0]).toBeGreaterThan(weights[2]);
    expect(weights[2]).toBeGreaterThan(weights[1]);
    // Film 0 shares the director with film 1 and the genre with film 2: one link each.
    expect(jaccard(films[0], films[1])).toBe(jaccard(films[0], films[2]));
    expect(overlap(0, 1)).toBeGreaterThan(overlap(0, 2) * 5);
  });

  it("is a cosine: 1 with itself, symmetric, 0 without shared links, and lists what is shared", () => {
    expect(overlap(0, 0)).toBeCloseTo(1, 12);
    expect(overlap(1, 2)).toBeCloseTo(overlap(2, 1), 12);
    expect(overlap(1, 3)).toBe(0);
    const shared: number[] = [];
    overlap(0, 1, shared);
    expect(shared).toEqual([0]);
    expect(jaccard(films[0], films[0])).toBe(1);
    expect(blendedScore(1, 0, 0.3)).toBeCloseTo(0.3, 12);
  });

  it("weighs every cast link alike with CAST_IDF: a lead of 70 films counts as much as a co-star of 3", () => {
    const cast: Link[] = [
      { name: "Robert Duvall", kind: "cast", films: 70 },
      { name: "Michael O'Keefe", kind: "cast", films: 3 },
      { name: "Lewis John Carlino", kind: "writer", films: 3 },
    ];
    const plain = linkWeights(cast, 20000);
    expect(plain[1]).toBeGreaterThan(plain[0] * 1.5);
    const flat = linkWeights(cast, 20000, { idfPower: CAST_IDF });
    expect(flat[0]).toBeCloseTo(flat[1], 12);
    expect(flat[0]).toBeCloseTo(KIND_WEIGHTS.cast * Math.log(20000 / IDF_PIVOT_FILMS), 10);
    // Other kinds keep their IDF.
    expect(flat[2]).toBeCloseTo(plain[2], 12);
    // Half-way flattening sits between, and a link of IDF_PIVOT_FILMS films keeps its weight.
    const half = linkWeights([...cast, { name: "Pivot", kind: "cast", films: IDF_PIVOT_FILMS }], 20000, { idfPower: { cast: 0.5 } });
    expect(half[1]).toBeLessThan(plain[1]);
    expect(half[1]).toBeGreaterThan(flat[1]);
    expect(half[3]).toBeCloseTo(KIND_WEIGHTS.cast * Math.log(20000 / IDF_PIVOT_FILMS), 10);
  });

  it("with pivot 0 does not punish a film with many other links; pivot 1 is the cosine", () => {
    // Film 0 (director, genre); film 1 shares the director and has a star; film 4 has both of film 0's links and the star.
    const many = [...films, Int32Array.of(0, 1, 2)];
    const n = filmNorms(many, weights);
    expect(linkOverlap(many[0], many[1], weights, n[0], n[1], 1)).toBeCloseTo(overlap(0, 1), 12);
    // The cosine counts film 4's extra star against it; pivot 0 does not.
    expect(linkOverlap(many[0], many[4], weights, n[0], n[4], 1)).toBeLessThan(0.95);
    // Pivot 0: the share of film 0's weighted links the other film has - film 4 has all of them.
    expect(linkOverlap(many[0], many[4], weights, n[0], n[4], 0)).toBeCloseTo(1, 12);
    expect(linkOverlap(many[0], many[1], weights, n[0], n[1], 0)).toBeLessThan(1);
    const shared: number[] = [];
    linkOverlap(many[0], many[4], weights, n[0], n[4], 0, shared);
    expect(shared).toEqual([0, 1]);
  });

  it("says why in a fan's words, most telling kinds first", () => {
    const why = describeShared([
      { name: "Alien (franchise)", kind: "series" },
      { name: "Ridley Scott", kind: "director" },
      { name: "Sigourney Weaver", kind: "cast" },
      { name: "Ian Holm", kind: "cast" },
      { name: "John Hurt", kind: "cast" },
      { name: "Science fiction film", kind: "genre" },
    ]);
    expect(why).toBe("same series (Alien (franchise)) · director Ridley Scott · 3 stars: Sigourney Weaver, Ian Holm +1");
    expect(describeShared([{ name: "Harrison Ford", kind: "cast" }])).toBe("star Harrison Ford");
    expect(describeShared([])).toBe("");
  });
});
