// Train the link/movie embedding on data/movies/pairs.bin and write the vectors.
//
//   npx tsx scripts/movies/train.ts [--data data/movies] [--epochs 15] [--dims 50] [--seed 42] [--holdout 0.1] [--skip-eval]
//                                   [--negative-power P] [--kind-weight kind=W ...] [--published]
//
// The model and loss are the published ones; two options (chosen by held-out AUC and
// the DEV half of the quality groups, see scripts/movies/tune.ts and data/movies/README.md):
// --negative-power P draws the random non-pairs' links with probability ~ (films)^P
// (0 = uniformly, as published); --kind-weight based_on=3 weighs the real pairs of that
// link kind; --idf-power Q weighs a link's real pairs by (films with the link)^-Q (all
// weights rescaled to mean 1 over the pairs). --published: uniform negatives, no weights.
//
// First (unless --skip-eval) a run on 90% of the pairs measures held-out link
// prediction and group recall -> quality.json; then the final run on all pairs
// writes film-vectors.f16, link-vectors.f16, model.json, loss.json and loss.svg.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { ModelInfo } from "@/lib/movies/core/format";
import { MOVIE_FILES, loadLinkData, saveVectors } from "@/lib/movies/pipeline/files";
import { splitHoldout } from "@/lib/movies/pipeline/evaluate";
import type { EpochStats, TrainOptions } from "@/lib/ml/embedding/options";
import { pairsOf, type PairList } from "@/lib/ml/embedding/pairs";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { linkWeights } from "@/lib/movies/pipeline/link-weights";
import { normaliseRows } from "@/lib/ml/vectors";
import { lossSvg } from "@/lib/ml/loss-plot";
import { groupReport, linkPredictionReport } from "@/lib/movies/pipeline/quality";
import { consoleProgress, formatDuration } from "@/lib/progress";

const USAGE = "usage: npx tsx scripts/movies/train.ts [--data dir] [--epochs N] [--dims N] [--seed N] [--holdout F] [--skip-eval] [--negative-power P] [--kind-weight kind=W] [--published]";

/** Defaults chosen by scripts/movies/tune.ts (held-out AUC and DEV groups). */
export const DEFAULT_NEGATIVE_POWER = 0.75;
export const DEFAULT_IDF_POWER = 0;
export const DEFAULT_KIND_WEIGHTS: Record<string, number> = { based_on: 3, series: 3 };

function parseArgs(argv: string[]) {
  const out = { data: "data/movies", epochs: 15, dims: 50, seed: 42, holdout: 0.1, skipEval: false, negativePower: DEFAULT_NEGATIVE_POWER, idfPower: DEFAULT_IDF_POWER, kindWeights: { ...DEFAULT_KIND_WEIGHTS } };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return x;
    };
    if (a === "--data") out.data = v();
    else if (a === "--epochs") out.epochs = Number(v());
    else if (a === "--dims") out.dims = Number(v());
    else if (a === "--seed") out.seed = Number(v());
    else if (a === "--holdout") out.holdout = Number(v());
    else if (a === "--skip-eval") out.skipEval = true;
    else if (a === "--negative-power") out.negativePower = Number(v());
    else if (a === "--idf-power") out.idfPower = Number(v());
    else if (a === "--kind-weight") {
      const [kind, w] = v().split("=");
      out.kindWeights[kind] = Number(w);
    } else if (a === "--published") {
      out.negativePower = 0;
      out.idfPower = 0;
      out.kindWeights = {};
    }
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return out;
}

function run(label: string, pairs: PairList, films: number, links: number, options: TrainOptions) {
  const epochs = options.epochs ?? 15;
  const batches = Math.ceil(pairs.rows.length / (options.batchSize ?? 512)) * epochs;
  const bar = consoleProgress(label, batches);
  const started = Date.now();
  return trainEmbedding(pairs, films, links, {
    ...options,
    onBatch: (done) => {
      if (done % 25 === 0 || done === batches) bar.update(done);
    },
    onEpoch: (s: EpochStats) => {
      const elapsed = (Date.now() - started) / 1000;
      const eta = (elapsed / s.epoch) * (epochs - s.epoch);
      console.error(
        `${label} epoch ${String(s.epoch).padStart(2)}/${epochs}  loss ${s.loss.toFixed(4)} (real pairs ${s.positiveLoss.toFixed(4)})  ${Math.round(s.pairsPerSecond).toLocaleString("en")} pairs/s  ETA ${formatDuration(eta)}`,
      );
    },
  });
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const data = loadLinkData(args.data);
  const films = data.films.length;
  const links = data.links.length;
  const all = pairsOf(data.filmLinks);
  console.error(`[movies] ${films} films, ${links} links, ${all.rows.length} pairs`);
  const weighted = Object.keys(args.kindWeights).length > 0 || args.idfPower > 0;
  const options: TrainOptions = { dims: args.dims, epochs: args.epochs, seed: args.seed, negativePower: args.negativePower };
  console.error(`[movies] negatives ~ films^${args.negativePower}; real pairs weighted by films^-${args.idfPower}, kind weights ${JSON.stringify(args.kindWeights)}`);

  let quality: Record<string, unknown> | null = null;
  let evalHistory: EpochStats[] = [];
  if (!args.skipEval) {
    const { train, heldOut } = splitHoldout(data.filmLinks, links, args.holdout, args.seed + 1);
    console.error(`[movies] evaluation run: ${train.rows.length} training pairs, ${heldOut.rows.length} held out`);
    const evalOptions = weighted ? { ...options, positiveWeights: linkWeights(data.links, train, { kindWeights: args.kindWeights, idfPower: args.idfPower }) } : options;
    const evalRun = run("eval ", train, films, links, evalOptions);
    evalHistory = evalRun.history;
    const t0 = Date.now();
    const prediction = linkPredictionReport(evalRun.model, train, heldOut);
    const groups = groupReport(data, evalRun.model.rowVectors, args.dims);
    quality = { holdout: args.holdout, trainingSeconds: round(evalRun.seconds), linkPrediction: prediction, groupRecallAt10: groups };
    console.error(`[movies] held-out AUC ${prediction.auc} (popularity baseline ${prediction.popularityAuc}), hits@10 ${prediction.hitsAtK} (baseline ${prediction.popularityHitsAtK}); group recall@10 ${groups.meanRecall} (shared-links baseline ${groups.baselineMeanRecall}) [${((Date.now() - t0) / 1000).toFixed(0)} s]`);
  }

  const finalOptions = weighted ? { ...options, positiveWeights: linkWeights(data.links, all, { kindWeights: args.kindWeights, idfPower: args.idfPower }) } : options;
  const final = run("train", all, films, links, finalOptions);
  const finalGroups = groupReport(data, final.model.rowVectors, args.dims);
  console.error(`[movies] final model: group recall@10 ${finalGroups.meanRecall} (shared-links baseline ${finalGroups.baselineMeanRecall})`);

  const filmBytes = saveVectors(MOVIE_FILES.filmVectors, normaliseRows(final.model.rowVectors, args.dims), args.data);
  const linkBytes = saveVectors(MOVIE_FILES.linkVectors, normaliseRows(final.model.contextVectors, args.dims), args.data);
  const last = final.history[final.history.length - 1];
  const info: ModelInfo = {
    version: 1,
    dims: args.dims,
    films,
    links,
    dtype: "float16",
    normalised: true,
    training: {
      epochs: args.epochs,
      negativeRatio: 10,
      batchSize: 512,
      optimizer: "Adam (lazy/sparse), lr 0.002",
      negativePower: args.negativePower,
      idfPower: args.idfPower,
      kindWeights: args.kindWeights,
      seed: args.seed,
      pairs: all.rows.length,
      seconds: round(final.seconds),
      pairsPerSecond: Math.round(final.history.reduce((s, h) => s + h.pairsPerSecond, 0) / final.history.length),
      finalLoss: round(last.loss),
    },
  };
  fs.writeFileSync(path.join(args.data, MOVIE_FILES.model), `${JSON.stringify(info, null, 1)}\n`);
  const lossFile = {
    final: final.history.map((h) => ({ epoch: h.epoch, loss: round(h.loss), positiveLoss: round(h.positiveLoss), seconds: round(h.seconds), pairsPerSecond: Math.round(h.pairsPerSecond) })),
    evaluation: evalHistory.map((h) => ({ epoch: h.epoch, loss: round(h.loss), positiveLoss: round(h.positiveLoss) })),
  };
  fs.writeFileSync(path.join(args.data, MOVIE_FILES.loss), `${JSON.stringify(lossFile, null, 1)}\n`);
  fs.writeFileSync(
    path.join(args.data, "loss.svg"),
    lossSvg(
      [
        { name: "loss (all samples)", color: "#1f77b4", values: final.history.map((h) => h.loss) },
        { name: "loss on real pairs", color: "#d62728", values: final.history.map((h) => h.positiveLoss) },
      ],
      `Movie embedding: squared error per epoch (${all.rows.length.toLocaleString("en")} pairs, 10 negatives each)`,
    ),
  );
  if (quality) {
    quality.finalModelGroupRecallAt10 = finalGroups;
    fs.writeFileSync(path.join(args.data, MOVIE_FILES.quality), `${JSON.stringify(quality, null, 1)}\n`);
  }
  console.log(
    `trained ${args.epochs} epochs in ${formatDuration(final.seconds)} (${info.training.pairsPerSecond} pairs/s); loss ${round(final.history[0].loss)} -> ${round(last.loss)}; vectors ${(filmBytes / 1024).toFixed(0)} + ${(linkBytes / 1024).toFixed(0)} KiB`,
  );
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
}
