// Names for the poster map's regions (#9: "zoomed out it is an unlabelled mosaic"): each
// colour cluster is named by the genre it has most above the catalogue's share and its
// typical decade ("Western · 1950s"), placed at the cluster's median cell. Pure logic.

export interface MapRegion {
  cluster: number;
  label: string;
  /** Median grid cell of the cluster's films. */
  gx: number;
  gy: number;
  films: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/** "Science fiction film" -> "Science fiction"; "Western (genre)" -> "Western". */
const genreName = (g: string) => g.replace(/ \(.*\)$/, "").replace(/ films?$/, "");

export function mapRegions(films: readonly { genres: readonly string[]; year: number | null; cluster: number; gx: number; gy: number }[]): MapRegion[] {
  const overall = new Map<string, number>();
  for (const f of films) for (const g of f.genres) overall.set(g, (overall.get(g) ?? 0) + 1);
  const byCluster = new Map<number, typeof films>();
  for (const f of films) byCluster.set(f.cluster, [...(byCluster.get(f.cluster) ?? []), f]);
  return [...byCluster.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([cluster, members]) => {
      const counts = new Map<string, number>();
      for (const f of members) for (const g of f.genres) counts.set(g, (counts.get(g) ?? 0) + 1);
      // The genre most over-represented here among those at least 15% of the cluster has.
      let best = "",
        bestLift = 0;
      for (const [g, c] of counts) {
        if (c < 0.15 * members.length) continue;
        const lift = c / members.length / (overall.get(g)! / films.length);
        if (lift > bestLift) [best, bestLift] = [g, lift];
      }
      const years = members.flatMap((f) => (f.year === null ? [] : [f.year]));
      const decade = years.length ? `${Math.floor(median(years) / 10) * 10}s` : "";
      return {
        cluster,
        label: [best ? genreName(best) : "", decade].filter(Boolean).join(" · ") || `Group ${cluster + 1}`,
        gx: median(members.map((f) => f.gx)),
        gy: median(members.map((f) => f.gy)),
        films: members.length,
      };
    });
}
