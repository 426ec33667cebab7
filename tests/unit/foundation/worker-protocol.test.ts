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

  it("turns a thrown error into a rejected promise with its code", async () => {
    const { page, worker } = pair();
    serveJobs(worker, async () => {
      throw Object.assign(new Error("model missing"), { code: "model_not_found" });
    });
    const client = new WorkerClient(page);
    await expect(client.run({})).rejects.toMatchObject({ name: "WorkerJobError", code: "model_not_found", message: "model missing" });
  });

  it("cancels: the caller is rejected at once and the job sees its signal aborted", async () => {
    const { page, worker } = pair();
    let stepsAfterCancel = 0;
    let aborted = false;
    serveJobs(worker, async (_input, { signal }) => {
      for (let i = 0; i < 200; i++) {
        if (signal.aborted) {
          aborted = true;
          throw new Error("stopped");
        }
        if (aborted) stepsAfterCancel++;
        await sleep(5);
      }
      return "finished";
    });
    const client = new WorkerClient<object, string>(page);
    const controller = new AbortController();
    const job = client.run({}, { signal: controller.signal });
    await sleep(20);
    controller.abort();
    await expect(job).rejects.toMatchObject({ name: "AbortError" });
    await sleep(30);
    expect(aborted).toBe(true);
    expect(stepsAfterCancel).toBe(0);
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
