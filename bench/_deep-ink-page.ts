// Browser half of bench/deep-ink.ts, bundled by esbuild and run in Chromium: the same
// measurements as in Node (bench/_deep-ink-measure.ts), on the backend the page asks for.
import * as tf from "@tensorflow/tfjs";
import { loadFunctionalMobileNetFromUrl } from "@/lib/vision/functional";
import { measureSteps, type BenchRow } from "./_deep-ink-measure";

async function bench(backend: string, sizes: number[], layers: string[], rounds: number): Promise<BenchRow[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`no ${backend} backend`);
  await tf.ready();
  const net = await loadFunctionalMobileNetFromUrl("/models/mobilenet_v1_0.75_224");
  try {
    return await measureSteps(net, `chromium-${tf.getBackend()}`, sizes, layers, rounds);
  } finally {
    net.dispose();
  }
}

(window as unknown as { runBench: typeof bench }).runBench = bench;
(window as unknown as { benchReady: boolean }).benchReady = true;
