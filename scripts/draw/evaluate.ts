/**
 * npm run draw:evaluate -- [icons8 icons32 glyphs] [--count 200] [--temperature 1] [--min-p 0.05] [--seed 1]
 * Per trained model: validation loss vs the unigram baseline (from training), share of valid
 * samples, Hamming distance of samples to the nearest training bitmap, and ink share and
 * connected-stroke count of samples vs the data's own. Writes data/draw/quality.json.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { MODEL_ENCODING, MODEL_NAMES, type ModelName } from "@/lib/draw/core/models";
import { MIN_P, sampleDrawings } from "@/lib/draw/core/sample";
import { createRng, shuffleInPlace } from "@/lib/ml/rng";
import { modelDir, readBitmaps, readModel } from "@/lib/draw/pipeline/model-files";
import { inkShare, mean, median, nearestDistances, strokeCount } from "@/lib/draw/pipeline/quality";
import { useWasmBackend as selectWasmBackend } from "@/lib/vision/node";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { count: { type: "string", default: "200" }, temperature: { type: "string", default: "1" }, "min-p": { type: "string", default: String(MIN_P) }, seed: { type: "string", default: "1" } },
});
const names = (positionals.length ? positionals : [...MODEL_NAMES]) as ModelName[];
const bad = names.filter((n) => !MODEL_NAMES.includes(n));
if (bad.length) {
  console.error(`unknown model ${bad.join(", ")}; allowed: ${MODEL_NAMES.join(", ")}`);
  process.exit(2);
}
const count = Number(values.count);
const temperature = Number(values.temperature);
const minP = Number(values["min-p"]);
const seed = Number(values.seed);
await selectWasmBackend();

const out = path.join("data", "draw", "quality.json");
const report: Record<string, unknown> = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : {};
const r3 = (x: number) => Number(x.toFixed(3));
for (const name of names) {
  if (!fs.existsSync(path.join(modelDir(name), "model.json"))) {
    console.log(`${name}: not trained`);
    continue;
  }
  const { manifest, weights } = readModel(modelDir(name));
  const trainedOn = (manifest.trainedOn ?? {}) as Record<string, unknown>;
  const data = readBitmaps(name);
  const t0 = performance.now();
  // rounds of 50 so the 32x32 models' batches stay small
  const samples = [];
  let rejected = 0;
  for (let i = 0; samples.length < count && i < Math.ceil(count / 50) * 2; i++) {
    const r = await sampleDrawings(weights, ENCODINGS[MODEL_ENCODING[name]], { count: Math.min(50, count - samples.length), temperature, minP, seed: seed + i });
    samples.push(...r.bitmaps);
    rejected += r.rejected;
    process.stderr.write(`${name}: ${samples.length}/${count} sampled, ${rejected} rejected\r`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const dist = nearestDistances(samples, data);
  // the yardstick: how far a real unseen bitmap (the validation split of training) is from the training split
  const order = shuffleInPlace(data.map((_, i) => i), createRng(Number(trainedOn.seed ?? 1)));
  const nVal = Math.round(data.length * 0.1);
  const heldOut = nearestDistances(order.slice(0, Math.min(nVal, 300)).map((i) => data[i]), order.slice(nVal).map((i) => data[i]));
  const row = {
    temperature,
    minP,
    samples: samples.length,
    rejected,
    validShare: r3(samples.length / (samples.length + rejected)),
    validationLoss: trainedOn.validationLoss ?? null,
    unigramValidationLoss: trainedOn.unigramValidationLoss ?? null,
    hammingToNearestTraining: { mean: r3(mean(dist)), median: median(dist), exactCopies: dist.filter((d) => d === 0).length },
    heldOutHammingToNearestTraining: { mean: r3(mean(heldOut)), median: median(heldOut), exactCopies: heldOut.filter((d) => d === 0).length, of: heldOut.length },
    inkShare: { samples: r3(mean(samples.map(inkShare))), data: r3(mean(data.map(inkShare))) },
    strokes: { samples: r3(mean(samples.map(strokeCount))), data: r3(mean(data.map(strokeCount))) },
    sampleSecondsEach: r3(seconds / Math.max(1, samples.length)),
  };
  report[name] = row;
  console.log(`\n${name}: ${JSON.stringify(row)}`);
}
fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
console.log(`wrote ${out}`);
