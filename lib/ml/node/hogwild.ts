// Hogwild training (Recht et al. 2011): worker threads run the same loop on
// their own share of the pairs, updating shared weights and moments without
// locks. Rows rarely collide (a batch touches a few thousand of ~37,000 rows
// in the movie model), so the races cost little. Not bit-reproducible across runs.

import { Worker } from "node:worker_threads";

import { createTrainState } from "../embedding/model";
import type { EpochStats, TrainOptions } from "../embedding/options";
import type { PairList } from "../embedding/pairs";
import { epochStats, type EpochSums, type TrainResult } from "../embedding/trainer";

export interface HogwildOptions extends Omit<TrainOptions, "onBatch" | "maxBatches" | "sparse"> {
  threads?: number;
}

/** Like trainEmbedding on a fixed PairList, with `threads` worker threads. */
export async function trainHogwild(positives: PairList, rowCount: number, contextCount: number, options: HogwildOptions = {}): Promise<TrainResult> {
  const threads = Math.max(1, options.threads ?? 2);
  const dims = options.dims ?? 50;
  const epochs = options.epochs ?? 15;
  const seed = options.seed ?? 42;
  const state = createTrainState(rowCount, contextCount, dims, options.initScale ?? 0.05, seed, { shared: true, moments: options.optimizer !== "sgd" });
  const shared = (a: Int32Array) => {
    const out = new Int32Array(new SharedArrayBuffer(a.length * 4));
    out.set(a);
    return out;
  };
  const pairs: PairList = { rows: shared(positives.rows), contexts: shared(positives.contexts) };
  const { onEpoch, ...plain } = options;
  const workers = Array.from(
    { length: threads },
    (_, w) =>
      new Worker(new URL("./hogwild-worker.mjs", import.meta.url), {
        workerData: { pairs, rowCount, contextCount, state, options: plain, seed: seed + 1 + w, worker: w, threads },
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
  return { model: { dims, rowCount, contextCount, rowVectors: state.rowW, contextVectors: state.contextW }, history, seconds: (performance.now() - started) / 1000 };
}
