// One Hogwild training thread (see hogwild.ts): trains on its share of the
// real pairs each time the main thread asks for an epoch.

import { parentPort, workerData } from "node:worker_threads";

import type { TrainState } from "../embedding/model";
import type { TrainOptions } from "../embedding/options";
import type { PairList } from "../embedding/pairs";
import { EpochRunner } from "../embedding/trainer";

interface Data {
  pairs: PairList;
  rowCount: number;
  contextCount: number;
  state: TrainState;
  options: TrainOptions;
  seed: number;
  worker: number;
  threads: number;
}

const data = workerData as Data;
const runner = new EpochRunner(data.pairs, data.rowCount, data.contextCount, data.state, data.options, data.seed, data.threads);
// This thread's share of the pairs (every threads-th pair).
const share: number[] = [];
for (let i = data.worker; i < data.pairs.rows.length; i += data.threads) share.push(i);
const order = Int32Array.from(share);

parentPort!.on("message", () => {
  parentPort!.postMessage(runner.epoch(data.pairs, order));
});
