// "Most similar" as a film fan would judge it (#9): group recall@10 of several ways to
// find a film's nearest films, each against plain link overlap (Jaccard on the same links).
//
//   npm run bench -- movies-similarity
//
// Groups: lib/movies/pipeline/groups.ts (series, remakes, a director's films, a studio's),
// split DEV (settings chosen there) / TEST (held out) by position, plus five stars' films
// (held out: not looked at when setting the weights). recall@10 of a group = share of each
// member's 10 nearest films that are in the group, out of the most it could be.
import { loadMovieData } from "@/lib/movies/pipeline/files";
import { groupMembers, groupRecall, invertFilmLinks, nearestByVector, type FilmGroup } from "@/lib/movies/pipeline/evaluate";
import { QUALITY_GROUPS } from "@/lib/movies/pipeline/groups";
import { groupHalf } from "@/lib/movies/pipeline/quality";
import { blendedScore, filmNorms, jaccard, linkWeights, RERANK_POOL, weightedOverlap, BLEND_COSINE } from "@/lib/movies/core/similarity";
import { TopK } from "@/lib/ml/top-k";
import { bruteForceNearest, normaliseRows } from "@/lib/ml/vectors";

const STAR_GROUPS: FilmGroup[] = ["Humphrey Bogart", "Meryl Streep", "Tom Hanks", "Bette Davis", "Denzel Washington"].map((name) => ({ name, kind: "person", link: name }));

export default async function main() {
  const data = loadMovieData();
  const { dims, filmLinks } = data;
  const n = data.films.length;
  const unit = normaliseRows(data.filmVectors, dims);
  const linkFilms = invertFilmLinks(filmLinks, data.links.length);
  const linkId = new Map(data.links.map((l, i) => [l.name, i]));
  const idf = linkWeights(data.links, n, false);
  const kindIdf = linkWeights(data.links, n, true);
  const idfNorms = filmNorms(filmLinks, idf);
  const kindNorms = filmNorms(filmLinks, kindIdf);

  /** Top k of all films sharing a link with film i, by `score`. */
  const byOverlap = (score: (i: number, j: number) => number) => (i: number, k: number) => {
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
  const reranked = (share: number, pool = RERANK_POOL) => (i: number, k: number) => {
    const near = bruteForceNearest(unit, dims, unit.subarray(i * dims, (i + 1) * dims), pool, "cosine", new Set([i]));
    return near
      .map((h) => ({ j: h.index, s: blendedScore(1 - h.distance, weightedOverlap(filmLinks[i], filmLinks[h.index], kindIdf, kindNorms[i], kindNorms[h.index]), share) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, k)
      .map((x) => x.j);
  };
  const methods: [string, (i: number, k: number) => number[]][] = [
    ["Jaccard on links (baseline)", byOverlap((i, j) => jaccard(filmLinks[i], filmLinks[j]))],
    ["embedding cosine (shipped before)", (i, k) => nearestByVector(unit, dims, i, k)],
    ["IDF-weighted link overlap", byOverlap((i, j) => weightedOverlap(filmLinks[i], filmLinks[j], idf, idfNorms[i], idfNorms[j]))],
    ["kind x IDF link overlap", byOverlap((i, j) => weightedOverlap(filmLinks[i], filmLinks[j], kindIdf, kindNorms[i], kindNorms[j]))],
    [`embedding top ${RERANK_POOL} re-ranked: ${BLEND_COSINE} cosine + ${1 - BLEND_COSINE} kind x IDF`, reranked(BLEND_COSINE)],
    [`blend of cosine and IDF over all link-sharing films (${BLEND_COSINE})`, byOverlap((i, j) => blendedScore(cosine(i, j), weightedOverlap(filmLinks[i], filmLinks[j], idf, idfNorms[i], idfNorms[j])))],
    [`blend of cosine and kind x IDF over all link-sharing films (${BLEND_COSINE}, used)`, byOverlap((i, j) => blendedScore(cosine(i, j), weightedOverlap(filmLinks[i], filmLinks[j], kindIdf, kindNorms[i], kindNorms[j])))],
  ];

  const groups = [
    ...QUALITY_GROUPS.map((group, i) => ({ group, half: groupHalf(i) as string })),
    ...STAR_GROUPS.map((group) => ({ group, half: "test" })),
  ]
    .map((g) => ({ ...g, members: groupMembers(g.group, data.films, filmLinks, linkId), kind: g.group.kind === "person" && STAR_GROUPS.includes(g.group) ? "star" : g.group.kind === "person" ? "director" : g.group.kind }))
    .filter((g) => g.members.length >= 2);
  const slices: [string, (g: (typeof groups)[number]) => boolean][] = [
    ["DEV", (g) => g.half === "dev"],
    ["TEST", (g) => g.half === "test"],
    ...["series", "remakes", "director", "star", "studio"].map((kind): [string, (g: (typeof groups)[number]) => boolean] => [`${kind} (all)`, (g) => g.kind === kind]),
  ];
  console.log(`movies-similarity: ${n} films, ${data.links.length} links, ${groups.length} groups; group recall@10 (ratio to Jaccard)\n`);
  console.log(["method".padEnd(72), ...slices.map(([s]) => s.padStart(16))].join(""));
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
    console.log([name.padEnd(72), ...means.map((m, i) => `${m.toFixed(3)} (${(m / baseline[i]).toFixed(2)})`.padStart(16))].join(""));
  }
}
