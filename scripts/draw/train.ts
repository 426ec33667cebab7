/**
 * npm run draw:train -- icons8|icons32|glyphs [--units 256] [--batch 32] [--window 40] [--epochs N]
 *   [--max-minutes M] [--seed 1] [--lr 0.002] [--measure] [--resume] [--plain]
 * Trains the token LSTM on data/draw/<model>.json (10% held out for validation) on the tfjs
 * WASM backend and writes public/draw/models/<model>/ (weights + loss history + metrics).
 * --measure times a few batches and exits; --resume continues from the saved weights and loss
 * history at the next epoch (the optimiser restarts; a partly done epoch is not repeated).
 * The 32x32 models get the scanline side input of lib/draw/core/context.ts (their row and the
 * row above) unless --plain is given. Same options and seed -> same weights.
 */
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { createRng, shuffleInPlace } from "@/lib/ml/rng";
import { contextFor, SCANLINE_CONTEXT } from "@/lib/draw/core/context";
import { ENCODINGS } from "@/lib/draw/core/encoding";
import { initLstm, type LstmConfig } from "@/lib/draw/core/lstm";
import { MODEL_ENCODING, MODEL_NAMES, type LossPoint, type ModelName } from "@/lib/draw/core/models";
import { createTrainer, epochBatches, evaluateLoss, unigramLoss } from "@/lib/draw/pipeline/train";
import { modelDir, readBitmaps, readModel, writeModel } from "@/lib/draw/pipeline/model-files";
import { formatDuration } from "@/lib/progress";
import { useWasmBackend } from "@/lib/vision/node";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    units: { type: "string", default: "256" },
    batch: { type: "string", default: "32" },
    window: { type: "string", default: "40" },
    epochs: { type: "string", default: "10" },
    "max-minutes": { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    lr: { type: "string", default: "0.002" },
    measure: { type: "boolean", default: false },
    resume: { type: "boolean", default: false },
    plain: { type: "boolean", default: false },
  },
});
const name = positionals[0] as ModelName;
if (!MODEL_NAMES.includes(name)) {
  console.error(`usage: npm run draw:train -- ${MODEL_NAMES.join("|")} [--units 256] [--batch 32] [--window 40] [--epochs N] [--max-minutes M] [--seed 1] [--measure]`);
  process.exit(2);
}
const num = (k: keyof typeof values) => {
  const v = Number(values[k]);
  if (!Number.isFinite(v) || v < 0) {
    console.error(`--${k} must be a non-negative number, got ${values[k]}`);
    process.exit(2);
  }
  return v;
};
const units = num("units"), batch = num("batch"), window = num("window"), epochs = num("epochs"), seed = num("seed"), lr = num("lr");
const maxMinutes = num("max-minutes");

await useWasmBackend();
const enc = ENCODINGS[MODEL_ENCODING[name]];
const bitmaps = readBitmaps(name);
const rng = createRng(seed);
const order = shuffleInPlace(bitmaps.map((_, i) => i), rng);
const nVal = Math.round(bitmaps.length * 0.1);
const valSeqs = order.slice(0, nVal).map((i) => enc.encode(bitmaps[i]));
const trainSeqs = order.slice(nVal).map((i) => enc.encode(bitmaps[i]));
const meanLen = trainSeqs.reduce((s, q) => s + q.length, 0) / trainSeqs.length;
console.error(`${name}: ${trainSeqs.length} train / ${valSeqs.length} validation sequences, mean length ${meanLen.toFixed(1)} tokens; backend ${tf.getBackend()}`);
const unigram = unigramLoss(trainSeqs, valSeqs, enc.outputVocab);
console.error(`unigram baseline on validation: ${unigram.toFixed(4)} nats/token`);

let config: LstmConfig = { inputVocab: enc.outputVocab + 1, outputVocab: enc.outputVocab, units, layers: 2 };
if (enc.name === "scanlines32" && !values.plain) config.contextSize = SCANLINE_CONTEXT.size;
let w = initLstm(config, seed);
const history: LossPoint[] = [];
let seen = 0;
let firstEpoch = 1;
let minutesBefore = 0;
if (values.resume) {
  const saved = readModel(modelDir(name));
  const t = (saved.manifest.trainedOn ?? {}) as { history?: LossPoint[]; sequencesSeen?: number; minutes?: number };
  if (saved.manifest.config.units !== units) {
    console.error(`--resume: the saved model has ${saved.manifest.config.units} units, not ${units}`);
    process.exit(2);
  }
  w = saved.weights;
  config = saved.manifest.config;
  // A checkpoint with a narrower side input (an earlier context layout, whose features are a
  // prefix of the current one): the new inputs start with zero weights, so the network computes
  // what it did and learns to use them from here.
  if (config.contextSize && config.contextSize < SCANLINE_CONTEXT.size && !values.plain) {
    const grow = SCANLINE_CONTEXT.size - config.contextSize;
    const old = w.layers[0].inputKernel;
    w.layers[0].inputKernel = tf.concat([old, tf.zeros([grow, old.shape[1]])], 0) as tf.Tensor2D;
    old.dispose();
    console.error(`--resume: side input widened from ${config.contextSize} to ${SCANLINE_CONTEXT.size} (new weights zero)`);
    config = { ...config, contextSize: SCANLINE_CONTEXT.size };
    w.config = config;
  }
  history.push(...(t.history ?? []));
  seen = t.sequencesSeen ?? 0;
  minutesBefore = t.minutes ?? 0;
  firstEpoch = Math.floor(history.length ? history[history.length - 1].epoch : 0) + 1;
  console.error(`resuming after ${seen} sequences (${minutesBefore} min), from epoch ${firstEpoch}`);
}
const contextSpec = contextFor(enc.name, config.contextSize);
console.error(`side input: ${contextSpec ? `${contextSpec.size} floats per step` : "none"}`);
const trainer = createTrainer(w, { batch, window, learningRate: lr, clipNorm: 5, seed });
// A fixed slice of validation for the curve's intermediate points; the whole set at each epoch end.
const valProbe = valSeqs.slice(0, Math.min(valSeqs.length, 4 * batch));

if (values.measure) {
  const bs = epochBatches(trainSeqs, enc.start, batch, rng, contextSpec).slice(0, 4);
  let tokens = 0;
  const t0 = performance.now();
  for (const b of bs) tokens += trainer.trainBatch(b).tokens;
  const dt = (performance.now() - t0) / 1000;
  const perEpoch = (dt / tokens) * trainSeqs.reduce((s, q) => s + q.length, 0);
  console.log(`measure: ${bs.length} batches, ${tokens} tokens in ${dt.toFixed(1)} s = ${(tokens / dt).toFixed(0)} tokens/s; one epoch ~${formatDuration(perEpoch)}`);
  process.exit(0);
}

const started = performance.now();
const deadline = maxMinutes > 0 ? started + maxMinutes * 60_000 : Infinity;
let stopped = false;
const totalBatches = (epochs - firstEpoch + 1) * Math.ceil(trainSeqs.length / batch);
let batchesDone = 0;
const save = (final: boolean) =>
  writeModel(modelDir(name), {
    name,
    encoding: enc.name,
    config,
    trainedOn: {
      data: `data/draw/${name}.json`,
      train: trainSeqs.length,
      validation: valSeqs.length,
      seed, units, batch, window, learningRate: lr, epochsPlanned: epochs,
      sequencesSeen: seen,
      minutes: Number((minutesBefore + (performance.now() - started) / 60000).toFixed(1)),
      unigramValidationLoss: Number(unigram.toFixed(4)),
      validationLoss: history.length ? history[history.length - 1].validation : null,
      finished: final,
      history,
    },
  }, w);

// a resumed run replays the earlier epochs' shuffles, so its epochs see the batches a straight run would
for (let epoch = 1; epoch < firstEpoch; epoch++) epochBatches(trainSeqs, enc.start, batch, rng);
for (let epoch = firstEpoch; epoch <= epochs && !stopped; epoch++) {
  const batches = epochBatches(trainSeqs, enc.start, batch, rng, contextSpec);
  let lossSum = 0, tokenSum = 0;
  const evalEvery = Math.max(1, Math.floor(batches.length / 4));
  for (let i = 0; i < batches.length; i++) {
    const r = trainer.trainBatch(batches[i]);
    lossSum += r.loss;
    tokenSum += r.tokens;
    seen += batch;
    batchesDone++;
    const elapsed = (performance.now() - started) / 1000;
    if (i % 10 === 0) {
      const eta = ((totalBatches - batchesDone) * elapsed) / batchesDone;
      console.error(`epoch ${epoch}/${epochs} batch ${i + 1}/${batches.length} train ${(lossSum / tokenSum).toFixed(4)} elapsed ${formatDuration(elapsed)} ETA ${formatDuration(eta)}`);
    }
    const last = i === batches.length - 1;
    const outOfTime = performance.now() > deadline;
    if ((i + 1) % evalEvery === 0 || last || outOfTime) {
      const validation = evaluateLoss(w, last || outOfTime ? valSeqs : valProbe, enc.start, batch, contextSpec);
      history.push({ seen, epoch: Number((epoch - 1 + (i + 1) / batches.length).toFixed(3)), train: Number((lossSum / tokenSum).toFixed(4)), validation: Number(validation.toFixed(4)) });
      console.error(`  validation ${validation.toFixed(4)} (unigram ${unigram.toFixed(4)})${last ? " [full set]" : ""}`);
      lossSum = tokenSum = 0;
      save(false);
    }
    if (outOfTime) {
      console.error(`time budget of ${maxMinutes} min reached in epoch ${epoch}`);
      stopped = true;
      break;
    }
  }
}
save(true);
console.error(`done: ${modelDir(name)} (${formatDuration((performance.now() - started) / 1000)})`);
