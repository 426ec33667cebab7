/**
 * Image vector engines: `npm run bench -- image-embed [--rounds N] [--no-browser] [--only ENGINE]`.
 *
 * For each engine: cold start (model read / fetch + session or backend start + first
 * inference) and per-image latency (median of N single-image calls on one preprocessed
 * photo, no decoding), as ratios to the fastest engine of the same environment in this run.
 * - Node: tfjs on its WASM backend (the upload path before issue 14) and ONNX Runtime
 *   (onnxruntime-web's wasm backend; model.onnx).
 * - Chromium (playwright-core; each engine in a fresh browser context, so nothing is cached;
 *   the page is served cross-origin isolated so ORT can also run with 2 threads): tfjs WebGL
 *   (SwiftShader when there is no GPU), tfjs WASM, ORT wasm with 1 and 2 threads. Also the
 *   second visit (same context: model files from the Cache API).
 * Every engine's embedding is compared with Node tfjs's (cosine, max |diff|).
 */
import fs from "node:fs";
import path from "node:path";
import { analyzeBatch, preprocess, tfjsEmbedder, type EmbedBackend, type ImageEmbedder } from "@/lib/vision";
import { decodeImage, loadMobileNetFromDir, loadOnnxMobileNetFromDir, useWasmBackend, wasmBinaryDir } from "@/lib/vision/node";
import { compareEmbeddings } from "@/lib/vision/onnx/compare";
import { mobileNetFiles, openBenchBrowser } from "./_browser-harness";
import type { PageBenchResult } from "./_image-embed-page";
import { flagOr } from "@/scripts/cli-flags";

const PHOTO = path.resolve("tests/fixtures/images/dalmatian-image_0001.jpg");

interface Row {
  env: "node" | "chromium";
  engine: string;
  coldMs: number;
  perImageMs: number;
  secondVisitMs?: number;
  cosine: number;
  maxAbsDiff: number;
}

/** An engine that has not answered after this long is reported as failed (a hung page must not hang the bench). */
const CASE_TIMEOUT_MS = 180_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function print(rows: Row[]) {
  for (const env of ["node", "chromium"] as const) {
    const mine = rows.filter((r) => r.env === env);
    if (mine.length === 0) continue;
    const fastest = Math.min(...mine.map((r) => r.perImageMs));
    const fastestCold = Math.min(...mine.map((r) => r.coldMs));
    console.log(`\n${env}: per image (ratio to fastest) | cold start (ratio) | second visit | vs Node tfjs`);
    for (const r of mine) {
      console.log(
        `  ${r.engine.padEnd(22)} ${r.perImageMs.toFixed(1).padStart(7)} ms ${(r.perImageMs / fastest).toFixed(2).padStart(5)}x | ` +
          `${r.coldMs.toFixed(0).padStart(6)} ms ${(r.coldMs / fastestCold).toFixed(2).padStart(5)}x | ` +
          `${r.secondVisitMs === undefined ? "      -" : `${r.secondVisitMs.toFixed(0).padStart(6)} ms`} | ` +
          `1-cos ${(1 - r.cosine).toExponential(1)}, max |diff| ${r.maxAbsDiff.toExponential(2)}`,
      );
    }
  }
}

async function node(input: Float32Array, reference: Float32Array, rounds: number): Promise<Row[]> {
  const engines: { engine: string; embedder: ImageEmbedder; coldMs: number; times: number[]; embedding: Float32Array }[] = [];
  for (const [engine, load] of [
    ["ort-wasm", () => loadOnnxMobileNetFromDir()],
    ["tfjs-wasm", async () => tfjsEmbedder(await loadMobileNetFromDir(), "wasm")],
  ] as const) {
    const t = performance.now();
    const embedder = await load();
    const [first] = await embedder.analyzeBatch([input]);
    engines.push({ engine, embedder, coldMs: performance.now() - t, times: [], embedding: first.embedding });
  }
  // interleaved, so load changes on this shared machine hit both alike
  for (let r = 0; r < rounds; r++) {
    for (const e of engines) {
      const t = performance.now();
      await e.embedder.analyzeBatch([input]);
      e.times.push(performance.now() - t);
    }
  }
  return engines.map((e) => {
    e.embedder.dispose();
    return { env: "node", engine: e.engine, coldMs: e.coldMs, perImageMs: median(e.times), ...cmp(reference, e.embedding) };
  });
}

function cmp(reference: Float32Array, got: ArrayLike<number>) {
  const { minCosine, maxAbsDiff } = compareEmbeddings([reference], [Float32Array.from(got)]);
  return { cosine: minCosine, maxAbsDiff };
}

/** The bench page's files: the model and both wasm runtimes. */
function benchFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "/ort-wasm/ort-wasm-simd-threaded.wasm": path.resolve("node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm"),
    "/ort-wasm/ort-wasm-simd-threaded.mjs": path.resolve("node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs"),
    ...mobileNetFiles(),
  };
  for (const f of fs.readdirSync(wasmBinaryDir()).filter((f) => f.endsWith(".wasm"))) files[`/tfjs-wasm/${f}`] = path.join(wasmBinaryDir(), f);
  return files;
}

async function browser(input: Float32Array, reference: Float32Array, rounds: number, args: string[]): Promise<Row[]> {
  // cross-origin isolated for the 2-thread case; HTTP-cacheable as next.config.ts serves the files
  const harness = await openBenchBrowser({ entry: "bench/_image-embed-page.ts", files: benchFiles(), crossOriginIsolated: true, fileHeaders: { "Cache-Control": "public, max-age=86400" } });
  if (!harness) return [];
  const b = harness.browser;
  const rows: Row[] = [];
  const cases: [EmbedBackend, number, string][] = [
    ["ort-wasm", 1, "ort-wasm (1 thread)"],
    ["ort-wasm", 2, "ort-wasm (2 threads)"],
    ["tfjs-webgl", 1, "tfjs-webgl"],
    ["tfjs-wasm", 1, "tfjs-wasm"],
  ];
  const only = flagOr(args, "only", "");
  try {
    for (const [backend, threads, engine] of cases.filter((c) => c[2].includes(only))) {
      const context = await b.newContext();
      try {
        const visit = async () => {
          const page = await context.newPage();
          page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
          await page.goto(harness.url);
          await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
          const r = await withTimeout(page.evaluate(
            ([backend, input, rounds, threads]) =>
              (window as unknown as { runBench: (b: string, x: number[], r: number, t: number) => Promise<PageBenchResult> }).runBench(backend, input, rounds, threads),
            [backend, Array.from(input), rounds, threads] as const,
          ), CASE_TIMEOUT_MS);
          await page.close();
          return r;
        };
        const cold = await visit();
        const second = await visit();
        rows.push({
          env: "chromium",
          engine,
          coldMs: cold.loadMs + cold.firstMs,
          perImageMs: median([...cold.perImageMs, ...second.perImageMs]),
          secondVisitMs: second.loadMs + second.firstMs,
          ...cmp(reference, cold.embedding),
        });
        const phases = (r: PageBenchResult) => Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ");
        console.log(
          `chromium ${engine}: cold ${(cold.loadMs + cold.firstMs).toFixed(0)} ms (load ${cold.loadMs.toFixed(0)} [${phases(cold)}], first inference ${cold.firstMs.toFixed(0)}), ` +
            `second visit ${(second.loadMs + second.firstMs).toFixed(0)} ms (load ${second.loadMs.toFixed(0)} [${phases(second)}]), per image ${median(cold.perImageMs).toFixed(1)} ms`,
        );
      } catch (err) {
        console.log(`Chromium ${engine}: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await harness.close();
  }
  return rows;
}

export default async function main(args: string[]): Promise<void> {
  const rounds = Number(flagOr(args, "rounds", "10"));
  await useWasmBackend();
  const input = preprocess(await decodeImage(fs.readFileSync(PHOTO)));
  const refNet = await loadMobileNetFromDir();
  const [reference] = await analyzeBatch(refNet, [input]);
  refNet.heads.dispose();
  console.log(`image-embed: ${path.basename(PHOTO)}, median of ${rounds} single-image calls per engine`);
  const rows = await node(input, reference.embedding, rounds);
  print(rows);
  if (!args.includes("--no-browser")) rows.push(...(await browser(input, reference.embedding, rounds, args)));
  print(rows);
}
