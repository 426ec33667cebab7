// One Hogwild training thread (see hogwild.ts): trains on its share of the
// real pairs each time the main thread asks for an epoch.

import { parentPort, workerData } from "node:worker_threads";

import { EpochRunner, type TrainOptions, type TrainState } from "./trainer";

interface Data {
  films: Int32Array;
  links: Int32Array;
  filmCount: number;
  linkCount: number;
  state: TrainState;
  options: TrainOptions;
  seed: number;
  worker: number;
  threads: number;
}

const data = workerData as Data;
const runner = new EpochRunner({ films: data.films, links: data.links }, data.filmCount, data.linkCount, data.state, data.options, data.seed, data.threads);
// This thread's share of the pairs (every threads-th pair).
const share: number[] = [];
for (let i = data.worker; i < data.films.length; i += data.threads) share.push(i);
const order = Int32Array.from(share);

parentPort!.on("message", () => {
  parentPort!.postMessage(runner.epoch(order));
});
