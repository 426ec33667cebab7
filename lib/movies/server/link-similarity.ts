/**
 * "Most similar" as a fan would have it (#9, bench/movies-similarity.ts): every film that
 * shares a link with the chosen one, scored by a blend of the embedding's cosine and the
 * kind x IDF weighted overlap of their links (lib/movies/core/similarity: cast flat, not
 * divided by the other film's length), with the shared
 * links that make them near, best first, to show why. Built from data/movies once per seed.
 */
import "server-only";
import { perSeedCache } from "@/lib/db/seed";
import { TopK } from "@/lib/ml/top-k";
import { normaliseRows } from "@/lib/ml/vectors";
import { blendedScore, CAST_IDF, filmNorms, linkOverlap, linkWeights } from "../core/similarity";
import type { LinkKind } from "../core/types";
import { loadMovieLinks, loadMovieSeedData } from "./seed-data";

export interface LinkNeighbour {
  title: string;
  score: number;
  /** The links both films have, most telling first. */
  shared: { name: string; kind: LinkKind }[];
}

const linkModel = perSeedCache("movies", async () => {
  const { films, filmVectors, dims } = loadMovieSeedData();
  const { links, filmLinks } = loadMovieLinks();
  if (filmLinks.length !== films.length) throw new Error("pairs.bin does not match movies.json");
  const weights = linkWeights(links, films.length, { idfPower: CAST_IDF });
  const linkFilms: number[][] = links.map(() => []);
  filmLinks.forEach((ids, f) => ids.forEach((l) => linkFilms[l].push(f)));
  return {
    films,
    links,
    filmLinks,
    linkFilms,
    weights,
    norms: filmNorms(filmLinks, weights),
    unit: normaliseRows(filmVectors, dims),
    dims,
    index: new Map(films.map((f, i) => [f.title, i])),
  };
});

/** The k films nearest to `title` by links and embedding, or null for a title the link files do not have. */
export async function linkNeighbours(db: Parameters<typeof linkModel>[0], title: string, k: number): Promise<LinkNeighbour[] | null> {
  const m = await linkModel(db);
  const i = m.index.get(title);
  if (i === undefined) return null;
  const { dims, unit } = m;
  const heap = new TopK(k);
  const seen = new Set<number>([i]);
  for (const l of m.filmLinks[i])
    for (const j of m.linkFilms[l]) {
      if (seen.has(j)) continue;
      seen.add(j);
      let cosine = 0;
      for (let d = 0, a = i * dims, b = j * dims; d < dims; d++) cosine += unit[a + d] * unit[b + d];
      const score = blendedScore(cosine, linkOverlap(m.filmLinks[i], m.filmLinks[j], m.weights, m.norms[i], m.norms[j]));
      // Ties (equal scores) go to the better known film: lower index.
      heap.offer(-score + j * 1e-12, j);
    }
  return heap.sorted().map(({ index: j, distance }) => {
    const shared: number[] = [];
    linkOverlap(m.filmLinks[i], m.filmLinks[j], m.weights, m.norms[i], m.norms[j], undefined, shared);
    shared.sort((a, b) => m.weights[b] - m.weights[a]);
    return { title: m.films[j].title, score: -(distance - j * 1e-12), shared: shared.map((l) => ({ name: m.links[l].name, kind: m.links[l].kind })) };
  });
}
