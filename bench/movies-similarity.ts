// "Most similar" as a film fan would judge it (#9): group recall@10 of several ways to
// find a film's nearest films, each against plain link overlap (Jaccard on the same links).
//
//   npm run bench -- movies-similarity [--examples]
//
// Groups: lib/movies/pipeline/groups.ts (series, remakes, a director's films, a studio's),
// split DEV (settings chosen there) / TEST (held out) by position, plus five stars' films
// (held out: not looked at when setting the weights) and "DEV stars": the filmographies of
// 20 other actors (every 10th of the most used cast links), to choose cast settings on.
// recall@10 of a group = share of each member's 10 nearest films that are in the group,
// out of the most it could be.
import { loadMovieData } from "@/lib/movies/pipeline/files";
import { groupMembers, groupRecall, invertFilmLinks, nearestByVector, type FilmGroup } from "@/lib/movies/pipeline/evaluate";
import { QUALITY_GROUPS } from "@/lib/movies/pipeline/groups";
import { groupHalf } from "@/lib/movies/pipeline/quality";
import { blendedScore, BLEND_COSINE, CAST_IDF, filmNorms, jaccard, KIND_WEIGHTS, LENGTH_PIVOT, linkOverlap, linkWeights, RERANK_POOL, weightedOverlap } from "@/lib/movies/core/similarity";
import type { LinkKind } from "@/lib/movies/core/types";
import { TopK } from "@/lib/ml/top-k";
import { bruteForceNearest, normaliseRows } from "@/lib/ml/vectors";

const HELD_OUT_STARS = ["Humphrey Bogart", "Meryl Streep", "Tom Hanks", "Bette Davis", "Denzel Washington"];
const STAR_GROUPS: FilmGroup[] = HELD_OUT_STARS.map((name) => ({ name, kind: "person", link: name }));

type Neighbours = (i: number, k: number) => number[];

export default async function main(args: string[] = []) {
  const data = loadMovieData();
  const { dims, filmLinks } = data;
  const n = data.films.length;
  const unit = normaliseRows(data.filmVectors, dims);
  const linkFilms = invertFilmLinks(filmLinks, data.links.length);
  const linkId = new Map(data.links.map((l, i) => [l.name, i]));

  // DEV stars: every 10th of the 200 most used cast links, the held-out five skipped.
  const devStars: FilmGroup[] = data.links
    .filter((l) => l.kind === "cast")
    .slice(0, 200)
    .filter((l, r) => r % 10 === 0 && !HELD_OUT_STARS.includes(l.name))
    .map((l) => ({ name: l.name, kind: "person", link: l.name }));

  /** Top k of all films sharing a link with film i, by `score`. */
  const byOverlap =
    (score: (i: number, j: number) => number): Neighbours =>
    (i, k) => {
      const seen = new Set<number>([i]);
      const heap = new TopK(k);
      for (const l of filmLinks[i])
        for (const j of linkFilms[l]) {
          if (seen.has(j)) continue;
          seen.add(j);
          heap.offer(-score(i, j) + j * 1e-12, j);
        }
      return heap.sorted().map((h) => h.index);
    };
  const cosine = (i: number, j: number) => {
    let s = 0;
    for (let d = 0; d < dims; d++) s += unit[i * dims + d] * unit[j * dims + d];
    return s;
  };
  /** Weighted link overlap with the given per-link weights, blended with the embedding's cosine. */
  const weighted = (weights: Float64Array, share: number, pivot = 1): Neighbours => {
    const norms = filmNorms(filmLinks, weights);
    return byOverlap((i, j) => blendedScore(cosine(i, j), linkOverlap(filmLinks[i], filmLinks[j], weights, norms[i], norms[j], pivot), share));
  };
  // "before": the weights shipped before the cast change (cast 1.2 x plain IDF, cosine).
  const beforeKinds = { ...KIND_WEIGHTS, cast: 1.2 };
  const idf = linkWeights(data.links, n, { kindWeights: null });
  const kindIdf = linkWeights(data.links, n, { kindWeights: beforeKinds });
  const kindNorms = filmNorms(filmLinks, kindIdf);
  const reranked =
    (share: number, pool = RERANK_POOL): Neighbours =>
    (i, k) =>
      bruteForceNearest(unit, dims, unit.subarray(i * dims, (i + 1) * dims), pool, "cosine", new Set([i]))
        .map((h) => ({ j: h.index, s: blendedScore(1 - h.distance, weightedOverlap(filmLinks[i], filmLinks[h.index], kindIdf, kindNorms[i], kindNorms[h.index]), share) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, k)
        .map((x) => x.j);
  const withKinds = (change: Partial<Record<LinkKind, number>>, idfPower?: Partial<Record<LinkKind, number>>) => linkWeights(data.links, n, { kindWeights: { ...beforeKinds, ...change }, idfPower });
  const row = (name: string, neighbours: Neighbours): [string, Neighbours] => [name, neighbours];

  const methods: [string, Neighbours][] = [
    row("Jaccard on links (baseline)", byOverlap((i, j) => jaccard(filmLinks[i], filmLinks[j]))),
    row("embedding cosine (shipped first)", (i, k) => nearestByVector(unit, dims, i, k)),
    row("IDF-weighted link overlap", weighted(idf, 0)),
    row("kind x IDF link overlap", weighted(kindIdf, 0)),
    row(`embedding top ${RERANK_POOL} re-ranked: ${BLEND_COSINE} cosine + ${1 - BLEND_COSINE} kind x IDF`, reranked(BLEND_COSINE)),
    row("0.3 cosine + 0.7 IDF, all link-sharing films", weighted(idf, 0.3)),
    row("0.3 cosine + 0.7 kind x IDF, all films (before)", weighted(kindIdf, 0.3)),
    // One change at a time from "before":
    ...[0.1, 0.2, 0.4].map((c) => row(`  blend: ${c} cosine`, weighted(kindIdf, c))),
    ...[1.5, 2].map((w) => row(`  cast weight ${w}`, weighted(withKinds({ cast: w }), 0.3))),
    ...[0.5, 0].map((p) => row(`  cast IDF flattened ^${p} (${p ? "half" : "all cast alike"})`, weighted(withKinds({}, { cast: p }), 0.3))),
    row("  studio weight 1", weighted(withKinds({ studio: 1 }), 0.3)),
    ...[0.5, 0].map((b) => row(`  length pivot ${b} (BM25-like; 1 = cosine)`, weighted(kindIdf, 0.3, b))),
    // Combinations:
    ...[1.2, 1.3, 1.4, 1.5].map((w) => row(`  cast ${w}, all cast alike, pivot 0.5`, weighted(withKinds({ cast: w }, { cast: 0 }), 0.3, 0.5))),
    ...[1.2, 1.3, 1.4].map((w) => row(`  cast ${w}, all cast alike, pivot 0`, weighted(withKinds({ cast: w }, { cast: 0 }), 0.3, 0))),
    row("  cast 1.3, all cast alike, pivot 0, 0.2 cosine", weighted(withKinds({ cast: 1.3 }, { cast: 0 }), 0.2, 0)),
    row(
      `0.3 cosine + 0.7 kind x IDF, cast ${KIND_WEIGHTS.cast} flat, pivot ${LENGTH_PIVOT} (used)`,
      weighted(linkWeights(data.links, n, { idfPower: CAST_IDF }), BLEND_COSINE, LENGTH_PIVOT),
    ),
  ];

  const groups = [
    ...QUALITY_GROUPS.map((group, i) => ({ group, half: groupHalf(i) as string, kind: group.kind === "person" ? "director" : (group.kind as string) })),
    ...STAR_GROUPS.map((group) => ({ group, half: "test", kind: "star" })),
    ...devStars.map((group) => ({ group, half: "dev-star", kind: "dev-star" })),
  ]
    .map((g) => ({ ...g, members: groupMembers(g.group, data.films, filmLinks, linkId) }))
    .filter((g) => g.members.length >= 2);
  type Group = (typeof groups)[number];
  const slices: [string, (g: Group) => boolean][] = [
    ["DEV", (g) => g.half === "dev"],
    ["TEST", (g) => g.half === "test" && g.kind !== "star"],
    ...["series", "remakes", "director", "studio", "dev-star", "star"].map((kind): [string, (g: Group) => boolean] => [kind === "star" ? "star (held out)" : kind === "dev-star" ? "DEV stars" : kind, (g) => g.kind === kind]),
  ];
  console.log(`movies-similarity: ${n} films, ${data.links.length} links, ${groups.length} groups (DEV stars: ${devStars.map((g) => g.name).join(", ")}); group recall@10 (ratio to Jaccard)\n`);
  console.log(["method".padEnd(66), ...slices.map(([s]) => s.padStart(16))].join(""));
  let baseline: number[] = [];
  for (const [name, neighbours] of methods) {
    const cache = new Map<number, number[]>();
    const cached = (i: number, k: number) => cache.get(i) ?? (cache.set(i, neighbours(i, k)), cache.get(i)!);
    const recalls = groupRecall(groups, cached, 10);
    const means = slices.map(([, pick]) => {
      const rs = recalls.filter((_, gi) => pick(groups[gi]));
      return rs.reduce((s, r) => s + r.recall, 0) / Math.max(1, rs.length);
    });
    if (!baseline.length) baseline = means;
    console.log([name.padEnd(66), ...means.map((m, i) => `${m.toFixed(3)} (${(m / baseline[i]).toFixed(2)})`.padStart(16))].join(""));
  }
  if (args.includes("--examples")) printExamples();

  /** Why a DEV star's film finds other films than Jaccard does: its 10 nearest by both, with what they share. */
  function printExamples() {
    const jac = methods[0][1];
    const used = methods[methods.length - 1][1];
    const kindOf = (l: number) => data.links[l].kind;
    for (const g of groups.filter((x) => x.kind === "dev-star").slice(0, 4)) {
      const i = g.members[Math.floor(g.members.length / 3)];
      const star = linkId.get(g.group.link!)!;
      const show = (label: string, near: number[]) => {
        console.log(`  ${label}:`);
        for (const j of near) {
          const shared = Array.from(filmLinks[i]).filter((l) => filmLinks[j].includes(l));
          const mark = filmLinks[j].includes(star) ? "*" : " ";
          console.log(`   ${mark} ${data.films[j].displayTitle} (${data.films[j].year}) [${filmLinks[j].length} links] ${shared.map((l) => `${data.links[l].name}/${kindOf(l)}/${data.links[l].films}`).join("; ")}`);
        }
      };
      console.log(`\n${g.group.name}: ${data.films[i].displayTitle} (${data.films[i].year}), ${filmLinks[i].length} links`);
      show("Jaccard", jac(i, 10));
      show("used", used(i, 10));
    }
  }
}
