import { busy } from "@/lib/errors";

/**
 * Bounds CPU-heavy work in a route (e.g. embedding an uploaded image): at most
 * `maxActive` jobs run at once, at most `maxQueued` wait; a job beyond that is refused
 * at once with DomainError "busy" (code `busy`, 503 at the route) and `busyMessage`, so a
 * burst cannot pile up unbounded work and starve every other demo on the same server.
 * A queued job whose `signal` aborts (its client has gone) leaves the queue without running.
 */
export function createConcurrencyLimiter(
  maxActive: number,
  maxQueued: number,
  busyMessage = "The server is busy; try again in a moment.",
) {
  let active = 0;
  const waiting: { start: () => void }[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next.start();
    }
  };
  return {
    async run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) throw busy("cancelled", "The request was cancelled before its turn.");
      if (active >= maxActive) {
        if (waiting.length >= maxQueued) {
          throw busy("busy", busyMessage);
        }
        await new Promise<void>((resolve, reject) => {
          const entry = {
            start: () => {
              signal?.removeEventListener("abort", onAbort);
              resolve();
            },
          };
          const onAbort = () => {
            const at = waiting.indexOf(entry);
            if (at >= 0) waiting.splice(at, 1);
            reject(busy("cancelled", "The request was cancelled before its turn."));
          };
          signal?.addEventListener("abort", onAbort, { once: true });
          waiting.push(entry);
        });
      } else {
        active++;
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
    stats: () => ({ active, queued: waiting.length }),
  };
}
