// One word2vec Hogwild thread (see word2vec.ts): trains its share of the sentences on the
// shared weights each time the main thread asks for an epoch.

import { parentPort, workerData } from "node:worker_threads";

import { Word2VecRunner, type Corpus, type Word2VecSettings, type Word2VecState } from "../embedding/word2vec";

interface Data {
  corpus: Corpus;
  state: Word2VecState;
  settings: Word2VecSettings;
  seed: number;
  from: number;
  to: number;
}

const data = workerData as Data;
const runner = new Word2VecRunner(data.corpus, data.state, data.settings, data.seed);

parentPort!.on("message", () => {
  parentPort!.postMessage(runner.run(data.from, data.to));
});
// Loaded and ready: the main thread starts its clock after every thread says so.
parentPort!.postMessage("ready");
