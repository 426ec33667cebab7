import { WorkerClient } from "@/lib/workers/client";
import type { BruteIcon } from "@/lib/draw/core/brute";

/** Classify `count` consecutive 4x4 images from `start` (bits), keeping those over `threshold`. */
export interface DrawBruteJob {
  start: number;
  count: number;
  size: number;
  threshold: number;
  batch: number;
}

/** Streamed in each progress message's `data`. */
export type DrawBruteProgressData = { kind: "model"; fraction: number } | { kind: "batch"; found: BruteIcon[] };

export interface DrawBruteJobResult {
  backend: string;
  classified: number;
  found: number;
  imagesPerSecond: number;
}

/** Starts the worker; the bundler follows `new URL(..., import.meta.url)`. */
export function startDrawBruteWorker() {
  const worker = new Worker(new URL("./draw-brute.worker.ts", import.meta.url), { type: "module" });
  return new WorkerClient<DrawBruteJob, DrawBruteJobResult>(worker);
}
