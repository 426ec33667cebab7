// How much one dislike moves "your taste" (issue #9: three sci-fi likes plus a dislike of
// Titanic turned the picks into The Green Hornet and Tokyo Drift).
//
//   npm run bench -- movies-taste [trials]
//
// For random like-sets (3 films of one quality group, lib/movies/pipeline/groups.ts) the top
// 10 picks with the likes alone, then with one random catalogue film disliked as well:
// overlap@10 of the two lists (1 = the dislike changed nothing), and the share of the picks
// from the liked films' group (does the ranking still find their neighbourhood?). Each
// setting on the DEV groups (which chose ROBUST_TASTE) and the TEST groups (held out).
import { loadMovieData } from "@/lib/movies/pipeline/files";
import { groupMembers } from "@/lib/movies/pipeline/evaluate";
import { QUALITY_GROUPS } from "@/lib/movies/pipeline/groups";
import { groupHalf } from "@/lib/movies/pipeline/quality";
import { learnTaste, ORIGINAL_TASTE, RANDOM_NEGATIVES, ROBUST_TASTE, type TasteSettings } from "@/lib/movies/core/taste";
import { createRng } from "@/lib/ml/rng";
import { bruteForceNearest, normaliseRows } from "@/lib/ml/vectors";

const SETTINGS: [string, TasteSettings][] = [
  ["original (no random negatives once anything is disliked)", ORIGINAL_TASTE],
  ["random negatives kept", { ...ORIGINAL_TASTE, weakWithDislikes: true }],
  ["prior 0.5 only", { ...ORIGINAL_TASTE, prior: 0.5 }],
  ["random negatives kept (dislikes by count) + prior 0.5", { ...ROBUST_TASTE, dislikeShare: undefined }],
  ["random negatives kept (dislikes 1/2) + prior 0.3", { ...ROBUST_TASTE, prior: 0.3 }],
  ["random negatives kept (dislikes 1/2) + prior 0.5 (used)", ROBUST_TASTE],
  ["random negatives kept (dislikes 1/2) + prior 0.7", { ...ROBUST_TASTE, prior: 0.7 }],
];

export default async function main(args: string[]) {
  const trials = Number(args[0] ?? 150);
  const data = loadMovieData();
  const { dims } = data;
  const unit = normaliseRows(data.filmVectors, dims);
  const n = unit.length / dims;
  const row = (i: number) => unit.subarray(i * dims, (i + 1) * dims);
  const linkId = new Map(data.links.map((l, i) => [l.name, i]));
  const groups = QUALITY_GROUPS.map((group, i) => ({ group, half: groupHalf(i), members: groupMembers(group, data.films, data.filmLinks, linkId) })).filter(
    (g) => g.members.length >= 5,
  );
  console.log(`movies-taste: ${n} films, ${groups.length} groups with 5+ films, ${trials} trials per half; 3 likes from a group, 1 random dislike`);

  const picks = (settings: TasteSettings, liked: number[], disliked: number[], weak: number[]) => {
    const model = learnTaste(liked.map(row), disliked.map(row), weak.map(row), settings);
    const norm = Math.hypot(...model.weights);
    const direction = Float32Array.from(model.weights, (w) => w / norm);
    return bruteForceNearest(unit, dims, direction, 10, "cosine", new Set([...liked, ...disliked])).map((h) => h.index);
  };

  for (const half of ["dev", "test"] as const) {
    const pool = groups.filter((g) => g.half === half);
    const rng = createRng(half === "dev" ? 11 : 12);
    const cases = Array.from({ length: trials }, () => {
      const g = pool[rng.int(pool.length)];
      const liked = new Set<number>();
      while (liked.size < 3) liked.add(g.members[rng.int(g.members.length)]);
      let dislike = rng.int(n);
      while (liked.has(dislike)) dislike = rng.int(n);
      const weak = new Set<number>();
      while (weak.size < RANDOM_NEGATIVES) {
        const w = rng.int(n);
        if (!liked.has(w) && w !== dislike) weak.add(w);
      }
      return { members: new Set(g.members), liked: [...liked], dislike, weak: [...weak] };
    });
    console.log(`\n${half.toUpperCase()} groups (${pool.length}):`);
    console.log(`  ${"setting".padEnd(58)} overlap@10  group share (likes only -> + 1 dislike)`);
    for (const [name, settings] of SETTINGS) {
      let overlap = 0,
        shareBefore = 0,
        shareAfter = 0;
      for (const c of cases) {
        const before = picks(settings, c.liked, [], c.weak);
        const after = picks(settings, c.liked, [c.dislike], c.weak);
        const inBefore = new Set(before);
        overlap += after.filter((i) => inBefore.has(i)).length / 10;
        shareBefore += before.filter((i) => c.members.has(i)).length / 10;
        shareAfter += after.filter((i) => c.members.has(i)).length / 10;
      }
      const f = (x: number) => (x / cases.length).toFixed(3);
      console.log(`  ${name.padEnd(58)} ${f(overlap).padStart(10)}  ${f(shareBefore)} -> ${f(shareAfter)}`);
    }
  }
}
