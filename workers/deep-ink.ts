import { WorkerClient } from "@/lib/workers/client";
import type { DeepInkOptions } from "@/lib/deep-ink/core/options";

/**
 * Jobs of the Deep Ink worker. A drawing is one "draw" job per stretch of steps: pausing
 * cancels the job and resuming starts a new one from the bits the page kept, so the worker
 * holds no run state between jobs (only the loaded model).
 */
export type DeepInkJob =
  | {
      kind: "draw";
      options: DeepInkOptions;
      /** The frame to continue from (1 = black), options.size squared. */
      bits: Uint8Array;
      /** Steps already done (progress counts on from here up to options.steps). */
      done: number;
    }
  | {
      kind: "thumbnails";
      /** Options of the small runs (size, steps, ...); the channel is replaced by each of `channels`. */
      options: DeepInkOptions;
      channels: number[];
    };

/** Streamed in each progress message's `data`. */
export type DeepInkProgressData =
  | { kind: "model"; fraction: number }
  | { kind: "step"; step: number; activation: number; flips: Int32Array }
  | { kind: "thumbnail"; channel: number; bits: Uint8Array; activationStart: number; activationEnd: number };

export interface DeepInkJobResult {
  backend: string;
  /** draw: the frame after the last step done; thumbnails: empty. */
  bits: Uint8Array;
  /** Activation of the final frame (draw). */
  activation: number | null;
  /** Milliseconds per step, averaged over the job. */
  msPerStep: number | null;
}

/** Starts the worker; the bundler follows `new URL(..., import.meta.url)`. */
export function startDeepInkWorker() {
  const worker = new Worker(new URL("./deep-ink.worker.ts", import.meta.url), { type: "module" });
  return new WorkerClient<DeepInkJob, DeepInkJobResult>(worker);
}
