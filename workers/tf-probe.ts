import { WorkerClient } from "@/lib/workers/client";

export interface TfProbeInput {
  size: number;
  repeats: number;
}
export interface TfProbeResult {
  backend: string;
  medianMs: number;
  gflops: number;
}

/** Starts the probe worker; the bundler follows `new URL(..., import.meta.url)`. */
export function startTfProbeWorker() {
  const worker = new Worker(new URL("./tf-probe.worker.ts", import.meta.url), { type: "module" });
  return new WorkerClient<TfProbeInput, TfProbeResult>(worker);
}
