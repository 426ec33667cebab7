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

  it("drops a queued job whose client has gone: it never runs and frees its queue place", async () => {
    const limiter = createConcurrencyLimiter(1, 1);
    let release = () => undefined as void;
    const first = limiter.run(() => new Promise<string>((r) => (release = () => r("first"))));
    const gone = new AbortController();
    let ran = false;
    const queued = limiter.run(async () => {
      ran = true;
    }, gone.signal);
    expect(limiter.stats()).toEqual({ active: 1, queued: 1 });
    gone.abort();
    await expect(queued).rejects.toMatchObject({ kind: "busy", code: "cancelled" });
    expect(limiter.stats()).toEqual({ active: 1, queued: 0 });
    const next = limiter.run(async () => "next"); // the freed place takes a new job
    release();
    await expect(first).resolves.toBe("first");
    await expect(next).resolves.toBe("next");
    expect(ran).toBe(false);
    await expect(limiter.run(async () => 1, gone.signal)).rejects.toMatchObject({ code: "cancelled" });
  });
});
