import { ApiError } from "./errors";

/**
 * Bounds CPU-heavy work in a route (e.g. embedding an uploaded image): at most
 * `maxActive` jobs run at once, at most `maxQueued` wait; a job beyond that is refused
 * at once with 503 `busy`, so a burst of uploads cannot pile up unbounded work and
 * starve every other demo on the same server.
 */
export function createConcurrencyLimiter(maxActive: number, maxQueued: number) {
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
          throw new ApiError(503, "busy", "The server is busy with other images; try again in a moment.");
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
