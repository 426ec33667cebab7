// Compares training settings by held-out link prediction (AUC) and the DEV half
// of the quality groups (even positions in lib/movies/pipeline/groups.ts); the TEST half
// (odd positions) is printed for the report only, not for choosing.
//
//   npx tsx scripts/movies/tune.ts '{"negativePower":0.75}' '{"learningRate":0.004}' ...
//
// Each argument is a JSON object of TrainOptions on top of the defaults; prints one JSON line per setting.

import path from "node:path";
import { fileURLToPath } from "node:url";

import { splitHoldout } from "@/lib/movies/pipeline/evaluate";
import { loadLinkData } from "@/lib/movies/pipeline/files";
import type { TrainOptions } from "@/lib/ml/embedding/options";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { linkWeights } from "@/lib/movies/pipeline/link-weights";
import { groupReport, linkPredictionReport } from "@/lib/movies/pipeline/quality";

async function main(argv: string[]): Promise<void> {
  const data = loadLinkData("data/movies");
  const links = data.links.length;
  const { train, heldOut } = splitHoldout(data.filmLinks, links, 0.1, 43);
  for (const arg of argv.length ? argv : ["{}"]) {
    const { kindWeights, idfPower, ...extra } = JSON.parse(arg) as TrainOptions & { kindWeights?: Record<string, number>; idfPower?: number };
    if (kindWeights || idfPower) extra.positiveWeights = linkWeights(data.links, train, { kindWeights, idfPower });
    const r = trainEmbedding(train, data.films.length, links, { dims: 50, epochs: 15, seed: 42, ...extra });
    const p = linkPredictionReport(r.model, train, heldOut);
    const g = groupReport(data, r.model.rowVectors, 50);
    const kinds = Object.fromEntries(Object.entries(g.byKind).map(([k, v]) => [k, v.recall]));
    console.log(JSON.stringify({ options: JSON.parse(arg) as unknown, seconds: Math.round(r.seconds), auc: p.auc, hits10: p.hitsAtK, dev: g.dev.recall, test: g.test.recall, all: g.meanRecall, kinds, baseline: g.baselineMeanRecall }));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
}
