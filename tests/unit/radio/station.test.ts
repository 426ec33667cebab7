import { describe, expect, it } from "vitest";
import { cosineSimilarity } from "@/lib/ml/vectors";
import { candidatesNeeded, pickStation, stationQueryVector } from "@/lib/radio/core/station";

const v = (...xs: number[]) => Float32Array.from(xs);
const song = (id: number, artistKey: string) => ({ id, artistKey });

describe("stationQueryVector", () => {
  it("is the normalised mean of the seeds, each seed counting once whatever its length", () => {
    const q = stationQueryVector([v(10, 0), v(0, 1)]);
    expect(q[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(q[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it("turns away from avoided songs without turning around", () => {
    const seed = v(1, 0.2);
    const avoided = v(0, 1);
    const plain = stationQueryVector([seed]);
    const steered = stationQueryVector([seed], [avoided]);
    expect(cosineSimilarity(steered, avoided)).toBeLessThan(cosineSimilarity(plain, avoided));
    // One "not this" cannot point the station away from its seed.
    expect(cosineSimilarity(steered, seed)).toBeGreaterThan(0.8);
    expect(Math.hypot(...steered)).toBeCloseTo(1, 6);
  });

  it("refuses an empty seed list and vectors of other lengths", () => {
    expect(() => stationQueryVector([])).toThrow(/seed/);
    expect(() => stationQueryVector([v(1, 0), v(1, 0, 0)])).toThrow(/dimensions/);
  });
});

describe("pickStation", () => {
  const ranked = [
    { song: song(1, "a"), score: 0.99 },
    { song: song(2, "a"), score: 0.98 },
    { song: song(3, "a"), score: 0.97 },
    { song: song(4, "b"), score: 0.96 },
    { song: song(5, ""), score: 0.95 },
    { song: song(6, ""), score: 0.94 },
    { song: song(7, ""), score: 0.93 },
    { song: song(8, "c"), score: 0.92 },
  ];

  it("keeps rank order, caps each artist and leaves excluded songs out", () => {
    const station = pickStation(ranked, { length: 10, perArtist: 2, excludeIds: new Set([4]) });
    expect(station.map((c) => c.song.id)).toEqual([1, 2, 5, 6, 7, 8]);
  });

  it("does not cap songs without an artist, and stops at the length", () => {
    expect(pickStation(ranked, { length: 3, perArtist: 1, excludeIds: new Set([1]) }).map((c) => c.song.id)).toEqual([2, 4, 5]);
  });

  it("plays a song once even if it is offered twice", () => {
    const twice = [...ranked.slice(0, 1), ...ranked.slice(0, 1)];
    expect(pickStation(twice, { length: 5, perArtist: 5, excludeIds: new Set() })).toHaveLength(1);
  });

  it("asks for more candidates when the artist cap is tight or many songs are excluded", () => {
    const loose = candidatesNeeded({ length: 25, perArtist: 25, excludeIds: new Set() });
    const tight = candidatesNeeded({ length: 25, perArtist: 1, excludeIds: new Set() });
    const excluding = candidatesNeeded({ length: 25, perArtist: 25, excludeIds: new Set([1, 2, 3, 4, 5]) });
    expect(tight).toBeGreaterThan(loose);
    expect(excluding).toBe(loose + 5);
    expect(candidatesNeeded({ length: 200, perArtist: 1, excludeIds: new Set() })).toBeLessThanOrEqual(1000);
  });
});
