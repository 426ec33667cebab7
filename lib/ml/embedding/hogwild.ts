// Hogwild training (Recht et al. 2011): worker threads run the same lazy-Adam
// loop on their own share of the pairs, updating shared weights and moments
// without locks. Rows rarely collide (a batch touches a few thousand of
// ~37,000 rows), so the races cost little. Not bit-reproducible across runs.

import { Worker } from "node:worker_threads";

import { createTrainState, epochStats, type EpochStats, type EpochSums, type PairList, type TrainOptions, type TrainResult } from "./trainer";

export interface HogwildOptions extends Omit<TrainOptions, "onBatch" | "maxBatches" | "sparse"> {
  threads?: number;
}

export async function trainHogwild(positives: PairList, filmCount: number, linkCount: number, options: HogwildOptions = {}): Promise<TrainResult> {
  const threads = Math.max(1, options.threads ?? 2);
  const dims = options.dims ?? 50;
  const epochs = options.epochs ?? 15;
  const seed = options.seed ?? 42;
  const state = createTrainState(filmCount, linkCount, dims, options.initScale ?? 0.05, seed, true);
  const sharedPairs = (a: Int32Array) => {
    const out = new Int32Array(new SharedArrayBuffer(a.length * 4));
    out.set(a);
    return out;
  };
  const films = sharedPairs(positives.films);
  const links = sharedPairs(positives.links);
  const { onEpoch, ...plain } = options;
  const workers = Array.from(
    { length: threads },
    (_, w) =>
      new Worker(new URL("./hogwild-worker.mjs", import.meta.url), {
        workerData: { films, links, filmCount, linkCount, state, options: plain, seed: seed + 1 + w, worker: w, threads },
      }),
  );
  const history: EpochStats[] = [];
  const started = performance.now();
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      const parts = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<EpochSums>((resolve, reject) => {
              const onMessage = (m: EpochSums) => {
                worker.off("error", reject);
                resolve(m);
              };
              worker.once("message", onMessage);
              worker.once("error", reject);
              worker.postMessage({ epoch });
            }),
        ),
      );
      const sums = parts.reduce((a, b) => ({
        lossSum: a.lossSum + b.lossSum,
        positiveLossSum: a.positiveLossSum + b.positiveLossSum,
        samples: a.samples + b.samples,
        positives: a.positives + b.positives,
        batches: a.batches + b.batches,
      }));
      const stats = epochStats(epoch, sums, (performance.now() - t0) / 1000);
      history.push(stats);
      onEpoch?.(stats);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { model: { dims, filmCount, linkCount, filmVectors: state.filmW, linkVectors: state.linkW }, history, seconds: (performance.now() - started) / 1000 };
}
