import { describe, expect, it } from "vitest";
import { createConcurrencyLimiter } from "@/lib/api/limiter";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("concurrency limiter", () => {
  it("runs at most maxActive jobs at once, queues the next ones in order, refuses past the queue as busy", async () => {
    const limiter = createConcurrencyLimiter(1, 2, "Busy with other jobs.");
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (id: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(10);
      order.push(id);
      running--;
      return id;
    };
    const accepted = [limiter.run(job(1)), limiter.run(job(2)), limiter.run(job(3))];
    expect(limiter.stats()).toEqual({ active: 1, queued: 2 });
    await expect(limiter.run(job(4))).rejects.toMatchObject({ kind: "busy", code: "busy", message: "Busy with other jobs." });
    await expect(Promise.all(accepted)).resolves.toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(peak).toBe(1);
    expect(limiter.stats()).toEqual({ active: 0, queued: 0 });
  });

  it("frees its slot when a job fails", async () => {
    const limiter = createConcurrencyLimiter(1, 0);
    await expect(limiter.run(async () => Promise.reject(new Error("bad image")))).rejects.toThrow("bad image");
    await expect(limiter.run(async () => "next")).resolves.toBe("next");
  });
});
