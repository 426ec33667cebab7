import { describe, expect, it } from "vitest";
import { mapRegions } from "@/lib/movies/core/regions";

describe("mapRegions", () => {
  it("names each cluster by its most over-represented genre and median decade, at its median cell", () => {
    const drama = (cluster: number, year: number, gx: number) => ({ genres: ["Drama film"], year, cluster, gx, gy: 0 });
    const films = [
      // Cluster 0: westerns of the 1950s (drama everywhere, so it is not what names them).
      { genres: ["Western (genre)", "Drama film"], year: 1951, cluster: 0, gx: 0, gy: 0 },
      { genres: ["Western (genre)", "Drama film"], year: 1956, cluster: 0, gx: 1, gy: 0 },
      { genres: ["Drama film"], year: 1958, cluster: 0, gx: 2, gy: 0 },
      drama(1, 1990, 10),
      drama(1, 1994, 11),
      { genres: ["Science fiction film", "Drama film"], year: 1999, cluster: 1, gx: 12, gy: 0 },
    ];
    const regions = mapRegions(films);
    expect(regions.map((r) => r.label)).toEqual(["Western · 1950s", "Science fiction · 1990s"]);
    expect(regions[0]).toMatchObject({ cluster: 0, gx: 1, gy: 0, films: 3 });
    expect(mapRegions([{ genres: [], year: null, cluster: 4, gx: 0, gy: 0 }])[0].label).toBe("Group 5");
  });
});
