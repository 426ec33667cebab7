import { WorkerClient } from "@/lib/workers/client";
import type { ModelName } from "@/lib/draw/core/models";

/**
 * Jobs of the drawing worker: "sample" draws with one of the LSTMs (lib/draw/core/sample, the
 * code the API runs); "classify" labels bitmaps with MobileNet (lib/vision).
 */
export type DrawJob =
  | { kind: "sample"; model: ModelName; count: number; temperature: number; seed: number }
  | { kind: "classify"; size: number; /** count * size * size, 0/1 */ pixels: Uint8Array };

export type DrawJobResult =
  | { kind: "sample"; size: number; /** count * size * size, 0/1 */ pixels: Uint8Array; count: number; rejected: number; backend: string; ms: number }
  | { kind: "classify"; labels: { label: string; probability: number }[]; backend: string; ms: number };

/** Starts the worker; the bundler follows `new URL(..., import.meta.url)`. */
export function startDrawWorker() {
  const worker = new Worker(new URL("./draw-sample.worker.ts", import.meta.url), { type: "module" });
  return new WorkerClient<DrawJob, DrawJobResult>(worker);
}
