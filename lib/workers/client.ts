import { createProgressTracker, type ProgressSnapshot } from "@/lib/progress";
import {
  JobCancelledError,
  WorkerJobError,
  type FromWorker,
  type JobProgress,
  type MessageEndpoint,
  type ToWorker,
} from "./protocol";

export interface RunOptions {
  /** Progress with ETA, for a progress bar. */
  onProgress?: (progress: JobProgress & { snapshot: ProgressSnapshot }) => void;
  /** Aborting cancels the job in the worker and rejects with an AbortError at once. */
  signal?: AbortSignal;
  transfer?: Transferable[];
}

/** Page side: sends jobs to one worker and resolves with each job's result. */
export class WorkerClient<Input, Output> {
  private nextJobId = 1;

  constructor(private readonly endpoint: MessageEndpoint & { terminate?: () => void }) {}

  run(input: Input, options: RunOptions = {}): Promise<Output> {
    const jobId = this.nextJobId++;
    const { signal, onProgress } = options;
    let tracker: ReturnType<typeof createProgressTracker> | undefined;
    let trackerTotal = 0;
    return new Promise<Output>((resolve, reject) => {
      if (signal?.aborted) return reject(new JobCancelledError());
      const cleanup = () => {
        this.endpoint.removeEventListener("message", listener);
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        this.endpoint.postMessage({ type: "cancel", jobId } satisfies ToWorker<Input>);
        cleanup();
        reject(new JobCancelledError());
      };
      const listener = (event: MessageEvent) => {
        const message = event.data as FromWorker<Output>;
        if (message?.jobId !== jobId) return;
        if (message.type === "progress") {
          // a job with phases (load a model: 0/1, then label 30 glyphs: n/30) starts a new count
          if (!tracker || trackerTotal !== message.progress.total) {
            tracker = createProgressTracker(message.progress.total);
            trackerTotal = message.progress.total;
          }
          onProgress?.({ ...message.progress, snapshot: tracker.update(message.progress.done) });
        } else if (message.type === "result") {
          cleanup();
          resolve(message.output);
        } else if (message.type === "error") {
          cleanup();
          reject(message.error.code === "cancelled" ? new JobCancelledError() : new WorkerJobError(message.error.code, message.error.message));
        }
      };
      this.endpoint.addEventListener("message", listener);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.endpoint.postMessage({ type: "start", jobId, input } satisfies ToWorker<Input>, options.transfer ?? []);
    });
  }

  terminate() {
    this.endpoint.terminate?.();
  }
}
