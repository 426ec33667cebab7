// Movie embedding training speed and quality.
//
//   npx tsx bench/run.ts movies-train        (or: npx tsx bench/movies-train.ts)
//
// One epoch over the real pairs in data/movies/ with (a) our lazy/sparse Adam,
// (b) a dense Adam that updates every row each step, as Keras' optimizer does
// (the baseline, same run), and (c) Hogwild worker threads; then the quality
// numbers of the shipped vectors (group recall@10) and of the last evaluation
// run (held-out AUC, from data/movies/quality.json).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { MOVIE_FILES, loadMovieData } from "@/lib/movies/pipeline/files";
import { trainHogwild } from "@/lib/ml/node/hogwild";
import { pairsOf } from "@/lib/ml/embedding/pairs";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { groupReport } from "@/lib/movies/pipeline/quality";
import { projectPath } from "@/lib/paths";

export default async function main(): Promise<void> {
  const dir = projectPath("data/movies");
  const data = loadMovieData(dir);
  const pairs = pairsOf(data.filmLinks);
  const films = data.films.length;
  const links = data.links.length;
  console.log(`movies-train: ${films} films, ${links} links, ${pairs.rows.length} pairs, 10 negatives per pair, batch 512, 50 dims`);

  const rows: { name: string; seconds: number; pairsPerSecond: number; loss: number }[] = [];
  const epoch = (name: string, sparse: boolean) => {
    const r = trainEmbedding(pairs, films, links, { epochs: 1, sparse, seed: 42 });
    rows.push({ name, seconds: r.seconds, pairsPerSecond: r.history[0].pairsPerSecond, loss: r.history[0].loss });
  };
  epoch("lazy Adam, 1 thread (used)", true);
  epoch("dense Adam, 1 thread (Keras-like baseline)", false);
  for (const threads of [2]) {
    const r = await trainHogwild(pairs, films, links, { epochs: 1, seed: 42, threads });
    rows.push({ name: `lazy Adam, Hogwild ${threads} threads`, seconds: r.seconds, pairsPerSecond: r.history[0].pairsPerSecond, loss: r.history[0].loss });
  }
  const base = rows[1];
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(44)} ${r.seconds.toFixed(1).padStart(6)} s/epoch  ${Math.round(r.pairsPerSecond).toLocaleString("en").padStart(8)} pairs/s  x${(r.pairsPerSecond / base.pairsPerSecond).toFixed(2)} vs baseline  loss ${r.loss.toFixed(4)}`,
    );
  }

  const t0 = Date.now();
  const groups = groupReport(data, data.filmVectors, data.dims);
  console.log(`  shipped vectors: group recall@10 ${groups.meanRecall} (neighbours by shared links, no model: ${groups.baselineMeanRecall}) [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
  for (const [kind, r] of Object.entries(groups.byKind)) {
    console.log(`    ${kind.padEnd(8)} ${String(r.groups).padStart(2)} groups  recall@10 ${r.recall.toFixed(3)}  (shared-links baseline ${r.baselineRecall.toFixed(3)})`);
  }
  for (const [half, r] of [["dev", groups.dev], ["test", groups.test]] as const) {
    console.log(`    ${half.padEnd(8)} ${String(r.groups).padStart(2)} groups  recall@10 ${r.recall.toFixed(3)}  (shared-links baseline ${r.baselineRecall.toFixed(3)})  [groups alternate DEV/TEST in lib/movies/pipeline/groups.ts]`);
  }
  const qualityFile = path.join(dir, MOVIE_FILES.quality);
  if (fs.existsSync(qualityFile)) {
    const q = JSON.parse(fs.readFileSync(qualityFile, "utf8")) as { linkPrediction: { auc: number; popularityAuc: number; hitsAtK: number; popularityHitsAtK: number; heldOutPairs: number } };
    const p = q.linkPrediction;
    console.log(`  last evaluation run (quality.json): held-out AUC ${p.auc} (popularity baseline ${p.popularityAuc}), hits@10 ${p.hitsAtK} (baseline ${p.popularityHitsAtK}) on ${p.heldOutPairs} held-out pairs`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
