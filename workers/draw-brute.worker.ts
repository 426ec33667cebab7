/// <reference lib="webworker" />
// Brute-force icons, browser side: a slice of the 65,536 4x4 images through the same
// functional MobileNet and the same lib code as `npm run draw:brute`, streaming each
// batch's confident finds to the page.
import { BRUTE_TOTAL, keepConfident } from "@/lib/draw/core/brute";
import { classifyBits } from "@/lib/draw/core/brute-classify";
import { serveJobs } from "@/lib/workers/serve";
import { workerMobileNet } from "@/lib/workers/mobilenet";
import type { DrawBruteJob, DrawBruteJobResult, DrawBruteProgressData } from "./draw-brute";

const loadModel = workerMobileNet(["webgl", "wasm", "cpu"]);

serveJobs<DrawBruteJob, DrawBruteJobResult>(self as unknown as DedicatedWorkerGlobalScope, async (job, { progress, signal }) => {
  const count = Math.max(0, Math.min(job.count, BRUTE_TOTAL - job.start));
  const send = (done: number, message: string, data: DrawBruteProgressData) => progress(done, count, message, data);
  const { net, backend } = await loadModel((fraction) => send(0, "Loading the model (11 MB, once)", { kind: "model", fraction }));
  signal.throwIfAborted();
  const t0 = performance.now();
  let found = 0;
  for (let done = 0; done < count; ) {
    signal.throwIfAborted();
    const bits = Array.from({ length: Math.min(job.batch, count - done) }, (_, i) => job.start + done + i);
    const tops = await classifyBits(net, bits, job.size);
    const kept = keepConfident(tops, net.labels, job.threshold, bits[0]);
    done += bits.length;
    found += kept.length;
    send(done, `Classified ${done} of ${count} on ${backend}`, { kind: "batch", found: kept });
    // let a cancel message in between batches
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const seconds = (performance.now() - t0) / 1000;
  return { backend, classified: count, found, imagesPerSecond: seconds > 0 ? count / seconds : 0 };
});
