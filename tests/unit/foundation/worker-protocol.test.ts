import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerClient } from "@/lib/workers/client";
import { serveJobs } from "@/lib/workers/serve";
import type { MessageEndpoint } from "@/lib/workers/protocol";

// A MessageChannel stands in for page <-> worker: the same postMessage/addEventListener surface.
const channels: MessageChannel[] = [];
function pair() {
  const channel = new MessageChannel();
  channels.push(channel);
  return { page: channel.port1 as unknown as MessageEndpoint, worker: channel.port2 as unknown as MessageEndpoint };
}
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("worker protocol", () => {
  it("returns the result and reports progress in order with an ETA", async () => {
    const { page, worker } = pair();
    serveJobs<{ n: number }, { squares: Float32Array }>(worker, async ({ n }, { progress }) => {
      const squares = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        squares[i] = i * i;
        progress(i + 1, n);
        await sleep(2);
      }
      return { squares };
    });
    const client = new WorkerClient<{ n: number }, { squares: Float32Array }>(page);
    const seen: number[] = [];
    const etas: (number | null)[] = [];
    const out = await client.run({ n: 5 }, { onProgress: (p) => (seen.push(p.done), etas.push(p.snapshot.etaSeconds)) });
    expect(Array.from(out.squares)).toEqual([0, 1, 4, 9, 16]);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(etas.at(-1)).toBe(0);
  });

  it("counts a job's phases apart: a new total starts a new bar (loading 0/1, then 3 items)", async () => {
    const { page, worker } = pair();
    serveJobs<null, string>(worker, async (_input, { progress }) => {
      progress(0, 1, "loading");
      for (let i = 1; i <= 3; i++) progress(i, 3, "labelling");
      return "ok";
    });
    const client = new WorkerClient<null, string>(page);
    const shown: string[] = [];
    await client.run(null, { onProgress: (p) => shown.push(`${p.snapshot.done}/${p.snapshot.total} ${p.snapshot.fraction.toFixed(2)}`) });
    expect(shown).toEqual(["0/1 0.00", "1/3 0.33", "2/3 0.67", "3/3 1.00"]);
  });

  it("turns a thrown error into a rejected promise with its code", async () => {
    const { page, worker } = pair();
    serveJobs(worker, async () => {
      throw Object.assign(new Error("model missing"), { code: "model_not_found" });
    });
    const client = new WorkerClient(page);
    await expect(client.run({})).rejects.toMatchObject({ name: "WorkerJobError", code: "model_not_found", message: "model missing" });
  });

  it("cancels: the caller is rejected at once, the job's signal aborts and its work stops", async () => {
    const { page, worker } = pair();
    const STEPS = 200;
    let steps = 0;
    let stepsAtCancel = -1;
    let firstStep!: () => void;
    const started = new Promise<void>((r) => (firstStep = r));
    let ended!: (how: string) => void;
    const handlerEnded = new Promise<string>((r) => (ended = r));
    serveJobs(worker, async (_input, { signal, progress }) => {
      try {
        for (let i = 0; i < STEPS; i++) {
          signal.throwIfAborted();
          steps++;
          progress(steps, STEPS);
          if (steps === 3) firstStep();
          await sleep(2);
        }
        ended("finished all steps");
        return "finished";
      } catch (err) {
        ended(signal.aborted ? "aborted" : `failed: ${String(err)}`);
        throw err;
      }
    });
    // Everything the worker sends back, to see that nothing comes after the cancel but the error.
    const fromWorker: string[] = [];
    page.addEventListener("message", (e: MessageEvent) => fromWorker.push(e.data.type));
    const client = new WorkerClient<object, string>(page);
    const controller = new AbortController();
    const job = client.run({}, { signal: controller.signal });
    await started;
    stepsAtCancel = steps;
    controller.abort();
    await expect(job).rejects.toMatchObject({ name: "AbortError" });
    // Without a working cancel the handler would run all 200 steps and end "finished all steps".
    await expect(handlerEnded).resolves.toBe("aborted");
    expect(steps).toBeLessThan(STEPS);
    expect(steps - stepsAtCancel).toBeLessThanOrEqual(1); // at most the step already under way
    const settled = steps;
    await sleep(20);
    expect(steps).toBe(settled);
    expect(fromWorker).not.toContain("result");
    expect(fromWorker.at(-1)).toBe("error");
  });

  it("keeps concurrent jobs apart by job id", async () => {
    const { page, worker } = pair();
    serveJobs<number, number>(worker, async (ms) => {
      await sleep(ms);
      return ms;
    });
    const client = new WorkerClient<number, number>(page);
    await expect(Promise.all([client.run(30), client.run(5), client.run(15)])).resolves.toEqual([30, 5, 15]);
  });
});
