/**
 * The one message protocol between pages and the web workers in workers/:
 * page -> worker: start, cancel; worker -> page: progress, result, error.
 * Every message names its job, so one worker can serve jobs one after another and a
 * late message from a cancelled job is ignored.
 */
export interface JobProgress {
  done: number;
  total: number;
  message?: string;
  /** Partial results a job streams as it goes (e.g. Deep Ink's flips of each step); structured-cloned. */
  data?: unknown;
}

export interface JobError {
  code: string;
  message: string;
}

export type ToWorker<Input> = { type: "start"; jobId: number; input: Input } | { type: "cancel"; jobId: number };

export type FromWorker<Output> =
  | { type: "progress"; jobId: number; progress: JobProgress }
  | { type: "result"; jobId: number; output: Output }
  | { type: "error"; jobId: number; error: JobError };

/** What a job handler gets besides its input. */
export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number, message?: string, data?: unknown): void;
}

export type JobHandler<Input, Output> = (input: Input, ctx: JobContext) => Promise<Output>;

/** The part of a Worker / DedicatedWorkerGlobalScope / MessagePort the protocol uses. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

export class JobCancelledError extends Error {
  constructor() {
    super("The job was cancelled.");
    this.name = "AbortError";
  }
}

export class WorkerJobError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "WorkerJobError";
  }
}
