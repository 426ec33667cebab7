/// <reference lib="webworker" />
// Tells the page which TensorFlow.js backend this browser runs and how fast: a few
// matrix products, timed. Small on purpose; it exercises the worker protocol end to end.
import * as tf from "@tensorflow/tfjs";
import { serveJobs } from "@/lib/workers/serve";
import { initTfBackend } from "@/lib/workers/tf-backend";
import type { TfProbeInput, TfProbeResult } from "./tf-probe";

serveJobs<TfProbeInput, TfProbeResult>(self as unknown as DedicatedWorkerGlobalScope, async (input, { progress, signal }) => {
  const backend = await initTfBackend();
  const a = tf.randomNormal([input.size, input.size], 0, 1, "float32", 1);
  const b = tf.randomNormal([input.size, input.size], 0, 1, "float32", 2);
  // One untimed product so shader compilation / WASM warm-up is not counted.
  tf.matMul(a, b).dispose();
  const times: number[] = [];
  for (let i = 0; i < input.repeats; i++) {
    signal.throwIfAborted();
    const started = performance.now();
    const product = tf.matMul(a, b);
    await product.data();
    product.dispose();
    times.push(performance.now() - started);
    progress(i + 1, input.repeats, `product ${i + 1} of ${input.repeats}`);
  }
  a.dispose();
  b.dispose();
  times.sort((x, y) => x - y);
  const medianMs = times[Math.floor(times.length / 2)];
  return { backend, medianMs, gflops: (2 * input.size ** 3) / (medianMs * 1e6) };
});
