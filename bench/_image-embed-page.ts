// Browser half of bench/image-embed.ts, bundled by esbuild and run in Chromium: cold start
// (model fetch + session / backend start + first inference) and per-image latency of one
// engine, through the same loader the image-search worker uses.
import { loadBrowserEmbedder } from "@/workers/image-embed-engines";
import type { EmbedBackend } from "@/lib/vision";

export interface PageBenchResult {
  backend: string;
  threads: number;
  loadMs: number;
  firstMs: number;
  perImageMs: number[];
  embedding: number[];
  /** performance.measure()s the loader took (ort-fetch, ort-session), ms. */
  phases: Record<string, number>;
}

async function bench(backend: EmbedBackend, input: number[], rounds: number, threads?: number): Promise<PageBenchResult> {
  const x = Float32Array.from(input);
  performance.clearMeasures();
  const t0 = performance.now();
  const embedder = await loadBrowserEmbedder(backend, { threads });
  const loadMs = performance.now() - t0;
  const [first] = await embedder.analyzeBatch([x]);
  const firstMs = performance.now() - t0 - loadMs;
  const perImageMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await embedder.analyzeBatch([x]);
    perImageMs.push(performance.now() - t);
  }
  embedder.dispose();
  const phases = Object.fromEntries(performance.getEntriesByType("measure").map((m) => [m.name, m.duration]));
  return { backend, threads: threads ?? 1, loadMs, firstMs, perImageMs, embedding: Array.from(first.embedding), phases };
}

(window as unknown as { runBench: typeof bench }).runBench = bench;
(window as unknown as { benchReady: boolean }).benchReady = true;
