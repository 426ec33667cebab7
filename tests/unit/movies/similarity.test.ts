import { describe, expect, it } from "vitest";
import { blendedScore, describeShared, filmNorms, jaccard, KIND_WEIGHTS, linkWeights, weightedOverlap } from "@/lib/movies/core/similarity";
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
