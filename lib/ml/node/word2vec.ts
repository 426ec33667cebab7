// word2vec on several threads (Hogwild, as word2vec.c and gensim): each worker thread runs
// Word2VecRunner on its own share of the sentences, updating the shared weights without
// locks; the learning rate follows a shared progress counter. Not bit-reproducible across
// runs (the threads interleave differently); one thread is (trainWord2Vec).

import { Worker } from "node:worker_threads";

import {
  createWord2VecState,
  epochOf,
  flattenCorpus,
  splitSentences,
  trainWord2Vec,
  word2vecSettings,
  type SentenceSums,
  type Word2VecCallbacks,
  type Word2VecEpoch,
  type Word2VecOptions,
  type Word2VecResult,
} from "../embedding/word2vec";

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * Like trainWord2Vec with `threads` worker threads (1: trainWord2Vec on this thread).
 * `cpuSeconds`: CPU time of the whole process while training (all threads; from when the
 * threads have loaded, like `seconds`).
 */
export async function trainWord2VecThreads(
  sentences: readonly ArrayLike<number>[],
  vocabSize: number,
  options: Word2VecOptions & { threads?: number } = {},
  callbacks: Word2VecCallbacks = {},
): Promise<Word2VecResult & { cpuSeconds: number }> {
  const threads = Math.max(1, options.threads ?? 2);
  if (threads === 1) {
    const cpu = process.cpuUsage();
    const result = trainWord2Vec(sentences, vocabSize, options, callbacks);
    return { ...result, cpuSeconds: cpuSecondsSince(cpu) };
  }
  const s = word2vecSettings(options);
  const corpus = flattenCorpus(sentences, vocabSize, true);
  const state = createWord2VecState(corpus, s, true);
  const total = corpus.tokens.length * s.epochs;
  const ranges = splitSentences(corpus, threads);
  const workers = ranges.map(
    ([from, to], w) => new Worker(new URL("./word2vec-worker.mjs", import.meta.url), { workerData: { corpus, state, settings: s, seed: s.seed + 1 + w, from, to } }),
  );
  const history: Word2VecEpoch[] = [];
  let started = performance.now();
  let cpuStart = process.cpuUsage();
  try {
    await Promise.all(workers.map((worker) => new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    })));
    started = performance.now();
    cpuStart = process.cpuUsage();
    for (let epoch = 1; epoch <= s.epochs; epoch++) {
      const t0 = performance.now();
      const timer = callbacks.onProgress ? setInterval(() => callbacks.onProgress!(Atomics.load(state.progress, 0), total, NaN), 500) : null;
      let parts: SentenceSums[];
      try {
        parts = await Promise.all(
          workers.map(
            (worker) =>
              new Promise<SentenceSums>((resolve, reject) => {
                worker.once("message", (m: SentenceSums) => {
                  worker.off("error", reject);
                  resolve(m);
                });
                worker.once("error", reject);
                worker.postMessage({ epoch });
              }),
          ),
        );
      } finally {
        if (timer) clearInterval(timer);
      }
      callbacks.onProgress?.(Atomics.load(state.progress, 0), total, NaN);
      const e = epochOf(epoch, parts, (performance.now() - t0) / 1000);
      history.push(e);
      callbacks.onEpoch?.(e);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return {
    model: { dims: s.dims, rowCount: vocabSize, contextCount: vocabSize, rowVectors: state.rowW, contextVectors: state.contextW },
    history,
    seconds: (performance.now() - started) / 1000,
    settings: s,
    cpuSeconds: cpuSecondsSince(cpuStart),
  };
}
