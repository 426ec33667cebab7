import { busy } from "@/lib/errors";

/**
 * Bounds CPU-heavy work in a route (e.g. embedding an uploaded image): at most
 * `maxActive` jobs run at once, at most `maxQueued` wait; a job beyond that is refused
 * at once with DomainError "busy" (code `busy`, 503 at the route) and `busyMessage`, so a
 * burst cannot pile up unbounded work and starve every other demo on the same server.
 */
export function createConcurrencyLimiter(
  maxActive: number,
  maxQueued: number,
  busyMessage = "The server is busy; try again in a moment.",
) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (active >= maxActive) {
        if (waiting.length >= maxQueued) {
          throw busy("busy", busyMessage);
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
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
