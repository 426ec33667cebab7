import {
  JobCancelledError,
  type FromWorker,
  type JobHandler,
  type MessageEndpoint,
  type ToWorker,
} from "./protocol";

/** Transferable buffers found in a result (typed arrays' buffers), so results move instead of copying. */
function transferablesOf(value: unknown): Transferable[] {
  if (ArrayBuffer.isView(value)) return [value.buffer as ArrayBuffer];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.values(value).flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : []));
  }
  return [];
}

/**
 * Worker side: runs `handler` for each start message, one job at a time, reporting
 * progress and turning thrown errors into error messages. Call once in a worker file:
 * `serveJobs(self, async (input, { progress, signal }) => ...)`.
 */
export function serveJobs<Input, Output>(endpoint: MessageEndpoint, handler: JobHandler<Input, Output>) {
  const running = new Map<number, AbortController>();
  const send = (message: FromWorker<Output>, transfer: Transferable[] = []) => endpoint.postMessage(message, transfer);

  endpoint.addEventListener("message", (event: MessageEvent) => {
    const message = event.data as ToWorker<Input>;
    if (message?.type === "cancel") {
      running.get(message.jobId)?.abort();
      return;
    }
    if (message?.type !== "start") return;
    const { jobId } = message;
    const controller = new AbortController();
    running.set(jobId, controller);
    const ctx = {
      signal: controller.signal,
      progress(done: number, total: number, text?: string, data?: unknown) {
        if (!controller.signal.aborted) send({ type: "progress", jobId, progress: { done, total, message: text, ...(data === undefined ? {} : { data }) } });
      },
    };
    handler(message.input, ctx)
      .then((output) => {
        if (controller.signal.aborted) throw new JobCancelledError();
        send({ type: "result", jobId, output }, transferablesOf(output));
      })
      .catch((err: unknown) => {
        const cancelled = controller.signal.aborted || err instanceof JobCancelledError;
        const code = cancelled ? "cancelled" : ((err as { code?: string })?.code ?? "worker_failed");
        send({ type: "error", jobId, error: { code, message: err instanceof Error ? err.message : String(err) } });
      })
      .finally(() => running.delete(jobId));
  });
}
