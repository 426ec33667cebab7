/**
 * Deep Ink speed: `npm run bench -- deep-ink [--rounds N] [--sizes 112,224] [--no-browser]`.
 *
 * A step = the input gradient of one channel's mean activation (tf.valueAndGrad through the
 * functional MobileNet, truncated at the layer) + the flip rule. Baseline, measured in the
 * same run on the same backend: one plain forward pass of the whole model (functional,
 * fused, to the class logits) at the same size. Printed: ms per step and the ratio to the
 * baseline, for a shallow, a middle and the deepest layer and the class scores, at each size:
 * - Node, tfjs CPU backend (what `npm run deep-ink` uses); also the LayersModel's own
 *   forward pass at 224 for reference;
 * - Chromium (playwright-core, the page's bundle of the same code): WebGL (SwiftShader,
 *   software GL, when there is no GPU) and the CPU fallback.
 */
import * as tf from "@tensorflow/tfjs";
import { LOGITS_OUTPUT } from "@/lib/vision/layers";
import { loadFunctionalMobileNetFromDir, loadMobileNetFromDir, useCpuBackend } from "@/lib/vision/node";
import { mobileNetFiles, openBenchBrowser } from "./_browser-harness";
import { measureSteps, medianMs, type BenchRow } from "./_deep-ink-measure";
import { flagOr } from "@/scripts/cli-flags";

const LAYERS = ["conv_pw_3_relu", "conv_pw_7_relu", "conv_pw_13_relu", LOGITS_OUTPUT];

function print(rows: BenchRow[]) {
  for (const r of rows) console.log(`${r.backend.padEnd(7)} ${String(r.size).padStart(4)}px  ${r.what.padEnd(26)} ${r.ms.toFixed(1).padStart(8)} ms  ${r.ratio.toFixed(2).padStart(5)}x`);
}

async function node(sizes: number[], rounds: number): Promise<BenchRow[]> {
  await useCpuBackend();
  const net = await loadFunctionalMobileNetFromDir();
  const layersModel = await loadMobileNetFromDir();
  try {
    return await measureSteps(net, "node-cpu", sizes, LAYERS, rounds, (row) => print([row]), async (size, base) => {
      if (size !== 224) return [];
      // the LayersModel takes 224 only
      const x3 = tf.zeros([1, 224, 224, 3]);
      const ms = await medianMs(async () => {
        const y = layersModel.model.predict(x3) as tf.Tensor;
        await y.data();
        y.dispose();
      }, rounds);
      x3.dispose();
      return [{ backend: "node-cpu", size, what: "LayersModel forward", ms, ratio: ms / base }];
    });
  } finally {
    net.dispose();
  }
}

async function browser(sizes: number[], rounds: number): Promise<BenchRow[]> {
  const harness = await openBenchBrowser({ entry: "bench/_deep-ink-page.ts", files: mobileNetFiles() });
  if (!harness) return [];
  const b = harness.browser;
  const rows: BenchRow[] = [];
  try {
    const page = await b.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    await page.goto(harness.url);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    for (const backend of ["webgl", "cpu"]) {
      try {
        const r = await page.evaluate(
          ([backend, sizes, layers, rounds]) =>
            (window as unknown as { runBench: (b: string, s: number[], l: string[], r: number) => Promise<BenchRow[]> }).runBench(backend, sizes, layers, rounds),
          [backend, sizes, LAYERS, rounds] as const,
        );
        print(r);
        rows.push(...r);
      } catch (err) {
        console.log(`Chromium ${backend}: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
      }
    }
  } finally {
    await harness.close();
  }
  return rows;
}

export default async function main(args: string[]): Promise<void> {
  const rounds = Number(flagOr(args, "rounds", "5"));
  const sizes = flagOr(args, "sizes", "112,224").split(",").map(Number);
  console.log(`deep-ink: median of ${rounds} rounds; a step = input gradient + flip rule; ratio = step / one forward pass (same backend, same size)`);
  const rows = await node(sizes, rounds);
  if (!args.includes("--no-browser")) rows.push(...(await browser(sizes, rounds)));
  console.log("\nsummary:");
  print(rows);
}
