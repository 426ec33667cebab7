/**
 * Fits the reverse image search's confidence and "no match" threshold, honestly:
 *   npx tsx scripts/image-search/calibrate.ts [--write]
 *
 * 1. Seeds an in-memory PGlite with data/image-search/ (the app's own seed step) and searches
 *    with every held-out photo (query + background splits) through the app's vector
 *    search (lib/image-search/server/search.ts -> lib/vector-search), exactly as the API does.
 * 2. Splits the held-out photos into a calibration half and a test half (per class,
 *    deterministic: assignHalves in lib/image-search/core/calibration.ts).
 * 3. On the calibration half only: picks the feature set by 5-fold cross-validated log
 *    loss, fits a logistic regression for P(best result is of the query's class) (a
 *    background photo has no class, so 0), and picks the threshold with the best
 *    balanced accuracy (keep right answers, refuse wrong ones and background).
 * 4. Reports on the test half (never used for fitting): precision@1/@5, calibration
 *    error, no-match rates. Prints markdown for data/image-search/README.md; with --write also
 *    writes data/image-search/calibration.json (same input -> same bytes).
 */
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/lib/db";
import {
  assignHalves,
  CONFIDENCE_NEIGHBOURS,
  confidenceFeatures,
  FEATURE_NAMES,
  sameClass,
  type Calibration,
  type FeatureName,
} from "@/lib/image-search/core/calibration";
import { fitLogistic, logisticProbability } from "@/lib/ml/logistic";
import { bestBalancedThreshold, brierScore, expectedCalibrationError, logLoss, rocAuc } from "@/lib/ml/metrics";
import { fnv1a32 } from "@/lib/image-search/core/split";
import { loadImageIndex } from "@/lib/image-search/server/load";
import { nearestPhotos } from "@/lib/image-search/server/search";
import { storeImageIndex } from "@/lib/image-search/server/store";

const FOLDS = 5;
const L2 = 1e-3;
/** A larger feature set must beat the smallest good one by this much cross-validated log loss. */
const FEATURE_SET_TOLERANCE = 0.002;

interface Sample {
  id: string;
  label: string;
  split: "query" | "background";
  half: "calibration" | "test";
  /** Classes of the 10 nearest indexed photos, best first. */
  hitLabels: string[];
  hits: { label: string; score: number }[];
  /** 1 when the best hit is of the query's class. */
  y: number;
}

const fmt = (x: number, d = 3) => x.toFixed(d);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function subsetsWithTop1(): FeatureName[][] {
  const others = FEATURE_NAMES.filter((f) => f !== "top1");
  const sets: FeatureName[][] = [];
  for (let mask = 0; mask < 1 << others.length; mask++) {
    sets.push(["top1", ...others.filter((_, i) => mask & (1 << i))]);
  }
  return sets;
}

function crossValidatedLogLoss(samples: Sample[], features: FeatureName[]): number {
  const fold = (s: Sample) => fnv1a32(`folds/${s.id}`) % FOLDS;
  const probabilities: number[] = [];
  const labels: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = samples.filter((s) => fold(s) !== f);
    const held = samples.filter((s) => fold(s) === f);
    const model = fitLogistic(
      train.map((s) => confidenceFeatures(s.hits, features)),
      train.map((s) => s.y),
      { l2: L2, standardise: true },
    );
    for (const s of held) {
      probabilities.push(logisticProbability(model, confidenceFeatures(s.hits, features)));
      labels.push(s.y);
    }
  }
  return logLoss(probabilities, labels);
}

function precisionAt(samples: Sample[], k: number): number {
  let hit = 0;
  for (const s of samples) for (const l of s.hitLabels.slice(0, k)) if (sameClass(l, s.label)) hit++;
  return samples.length ? hit / (samples.length * k) : NaN;
}

async function main(args: string[]) {
  const started = Date.now();
  const index = await loadImageIndex(path.resolve("data/image-search"));
  const db = await openDatabase({ kind: "pglite" }, { log: () => undefined });
  try {
    await storeImageIndex(db, index);
    const halves = assignHalves(index.photos);
    const samples: Sample[] = [];
    const searchStarted = Date.now();
    for (const [i, p] of index.photos.entries()) {
      if (p.split === "index") continue;
      const neighbours = await nearestPhotos(db, index.vectors.subarray(i * index.dim, (i + 1) * index.dim), CONFIDENCE_NEIGHBOURS);
      const hits = neighbours.map((n) => ({ label: n.label, score: n.score }));
      samples.push({
        id: p.id,
        label: p.label,
        split: p.split,
        half: halves.get(p.id)!,
        hitLabels: hits.map((h) => h.label),
        hits,
        y: p.split === "query" && sameClass(hits[0].label, p.label) ? 1 : 0,
      });
    }
    const searchMs = Date.now() - searchStarted;
    const cal = samples.filter((s) => s.half === "calibration");
    const test = samples.filter((s) => s.half === "test");

    // Feature set by cross-validation on the calibration half.
    const candidates = subsetsWithTop1().map((features) => ({ features, cvLogLoss: crossValidatedLogLoss(cal, features) }));
    const bestLoss = Math.min(...candidates.map((c) => c.cvLogLoss));
    const chosen = [...candidates]
      .filter((c) => c.cvLogLoss <= bestLoss + FEATURE_SET_TOLERANCE)
      .sort((a, b) => a.features.length - b.features.length || a.cvLogLoss - b.cvLogLoss)[0];
    const features = chosen.features;

    const model = fitLogistic(
      cal.map((s) => confidenceFeatures(s.hits, features)),
      cal.map((s) => s.y),
      { l2: L2, standardise: true },
    );
    const prob = (s: Sample) => logisticProbability(model, confidenceFeatures(s.hits, features));
    const calProbs = cal.map(prob);
    const { threshold, balancedAccuracy } = bestBalancedThreshold(calProbs, cal.map((s) => s.y));

    // ---------------------------------------------------------------- test half
    const testProbs = test.map(prob);
    const testY = test.map((s) => s.y);
    const noMatch = (s: Sample) => prob(s) < threshold;
    const inColl = test.filter((s) => s.split === "query");
    const background = test.filter((s) => s.split === "background");
    const right = inColl.filter((s) => s.y === 1);
    const wrong = inColl.filter((s) => s.y === 0);
    const answered = inColl.filter((s) => !noMatch(s));
    const rate = (xs: Sample[], f: (s: Sample) => boolean) => (xs.length ? xs.filter(f).length / xs.length : NaN);
    const top1Only = fitLogistic(
      cal.map((s) => [s.hits[0].score]),
      cal.map((s) => s.y),
      { l2: L2, standardise: true },
    );
    const top1OnlyProbs = test.map((s) => logisticProbability(top1Only, [s.hits[0].score]));

    const bins = 5;
    const reliability = Array.from({ length: bins }, (_, b) => {
      const inBin = test.map((s, i) => ({ p: testProbs[i], y: s.y })).filter(({ p }) => Math.min(bins - 1, Math.floor(p * bins)) === b);
      return {
        bin: `${(b / bins).toFixed(1)}-${((b + 1) / bins).toFixed(1)}`,
        n: inBin.length,
        meanConfidence: inBin.length ? inBin.reduce((s, x) => s + x.p, 0) / inBin.length : NaN,
        fractionRight: inBin.length ? inBin.reduce((s, x) => s + x.y, 0) / inBin.length : NaN,
      };
    });

    const testReport = {
      queries: { inCollection: inColl.length, background: background.length },
      precisionAt1: precisionAt(inColl, 1),
      precisionAt5: precisionAt(inColl, 5),
      precisionAt10: precisionAt(inColl, 10),
      precisionAt1Answered: precisionAt(answered, 1),
      falseNoMatchRate: rate(inColl, noMatch),
      falseNoMatchRateRightTop1: rate(right, noMatch),
      wrongTop1Refused: rate(wrong, noMatch),
      backgroundNoMatchRate: rate(background, noMatch),
      logLoss: logLoss(testProbs, testY),
      brier: brierScore(testProbs, testY),
      expectedCalibrationError: expectedCalibrationError(testProbs, testY, 10),
      aucRightVsNot: rocAuc(testProbs, testY),
      aucInCollectionVsBackground: rocAuc(testProbs, test.map((s) => (s.split === "query" ? 1 : 0))),
      top1OnlyBaseline: {
        logLoss: logLoss(top1OnlyProbs, testY),
        aucRightVsNot: rocAuc(top1OnlyProbs, testY),
      },
      reliability,
    };
    const round = (x: unknown): unknown =>
      typeof x === "number" ? Number(x.toPrecision(6)) : Array.isArray(x) ? x.map(round) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)])) : x;

    const calibration: Calibration = {
      version: 1,
      description:
        "P(best result is of the query's class) = sigmoid(bias + sum w_i (x_i - mean_i) / scale_i) over the features of the 10 nearest indexed photos (lib/image-search/core/calibration.ts); noMatch when below threshold. Written by scripts/image-search/calibrate.ts.",
      features,
      neighbours: CONFIDENCE_NEIGHBOURS,
      mean: model.mean,
      scale: model.scale,
      weights: model.weights,
      bias: model.bias,
      threshold,
      fit: round({
        data: `${index.manifest.dataset}, data/image-search/photos.json (embeddings sha256 ${index.manifest.embedding.sha256.slice(0, 16)}...)`,
        halves: "held-out query + background photos, per class ranked by FNV-1a-32 of 'halves/<id>', alternating calibration / test",
        target: "1 when the best result's class is the query's class (Faces = Faces_easy); background photos: 0",
        method: `L2-regularised (lambda ${L2}) logistic regression by Newton's method on standardised features; feature set by ${FOLDS}-fold cross-validated log loss on the calibration half (smallest set within ${FEATURE_SET_TOLERANCE} of the best); threshold = best balanced accuracy on the calibration half`,
        calibrationHalf: {
          queries: { inCollection: cal.filter((s) => s.split === "query").length, background: cal.filter((s) => s.split === "background").length },
          rightTop1: cal.filter((s) => s.y === 1).length,
          featureSets: candidates.map((c) => ({ features: c.features.join("+"), cvLogLoss: c.cvLogLoss })),
          balancedAccuracy,
        },
        testHalf: testReport,
      }) as Record<string, unknown>,
    };

    // ---------------------------------------------------------------- markdown
    const out: string[] = [];
    out.push(`Searches through the app's vector search: ${samples.length} held-out photos in ${searchMs} ms; whole run ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    out.push(`Calibration half: ${testReportCounts(cal)}; test half: ${testReportCounts(test)}.\n`);
    out.push("Feature sets (5-fold cross-validated log loss on the calibration half):\n");
    out.push("| features | CV log loss |\n|---|---|");
    for (const c of [...candidates].sort((a, b) => a.cvLogLoss - b.cvLogLoss)) {
      out.push(`| ${c.features.join(" + ")}${c === chosen ? " (chosen)" : ""} | ${fmt(c.cvLogLoss, 4)} |`);
    }
    out.push(
      `\nFitted: bias ${fmt(model.bias)}, ${features.map((f, i) => `${f}: weight ${fmt(model.weights[i])} (mean ${fmt(model.mean[i])}, sd ${fmt(model.scale[i])})`).join("; ")}.`,
    );
    out.push(`Threshold (best balanced accuracy on the calibration half, ${pct(balancedAccuracy)}): **noMatch when confidence < ${fmt(threshold)}**.\n`);
    out.push("Test half (never used for fitting):\n");
    out.push("| measure | value |\n|---|---|");
    out.push(`| precision@1 / @5 / @10, in-collection queries (n = ${inColl.length}) | ${fmt(testReport.precisionAt1)} / ${fmt(testReport.precisionAt5)} / ${fmt(testReport.precisionAt10)} |`);
    out.push(`| precision@1 of the queries answered (not noMatch, n = ${answered.length}) | ${fmt(testReport.precisionAt1Answered)} |`);
    out.push(`| false no-match: in-collection queries told "no match" | ${pct(testReport.falseNoMatchRate)} |`);
    out.push(`| ... of those whose best result is the right class (n = ${right.length}) | ${pct(testReport.falseNoMatchRateRightTop1)} |`);
    out.push(`| in-collection queries with a wrong best result, refused (n = ${wrong.length}) | ${pct(testReport.wrongTop1Refused)} |`);
    out.push(`| correct no-match: background photos told "no match" (n = ${background.length}) | ${pct(testReport.backgroundNoMatchRate)} |`);
    out.push(`| log loss / Brier / ECE (10 bins) of the confidence | ${fmt(testReport.logLoss, 4)} / ${fmt(testReport.brier, 4)} / ${fmt(testReport.expectedCalibrationError, 4)} |`);
    out.push(`| ROC AUC: right best result vs not; in-collection vs background | ${fmt(testReport.aucRightVsNot)}; ${fmt(testReport.aucInCollectionVsBackground)} |`);
    out.push(`| baseline, top-1 similarity alone: log loss, AUC right vs not | ${fmt(testReport.top1OnlyBaseline.logLoss, 4)}, ${fmt(testReport.top1OnlyBaseline.aucRightVsNot)} |`);
    out.push("\nReliability on the test half:\n");
    out.push("| confidence | n | mean confidence | fraction right |\n|---|---|---|---|");
    for (const r of reliability) out.push(`| ${r.bin} | ${r.n} | ${r.n ? fmt(r.meanConfidence) : "-"} | ${r.n ? fmt(r.fractionRight) : "-"} |`);
    console.log(out.join("\n"));

    if (args.includes("--write")) {
      const file = path.resolve("data/image-search/calibration.json");
      fs.writeFileSync(file, JSON.stringify(calibration, null, 2) + "\n");
      console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await db.close();
  }
}

function testReportCounts(xs: Sample[]): string {
  const q = xs.filter((s) => s.split === "query").length;
  return `${q} in-collection + ${xs.length - q} background photos`;
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
