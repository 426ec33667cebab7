// The measurement of bench/deep-ink.ts, shared by its Node half and its Chromium page
// (bench/_deep-ink-page.ts): on whatever tfjs backend is active.
import * as tf from "@tensorflow/tfjs";
import { chooseFlips, createRun } from "@/lib/deep-ink/core/ink";
import { resolveOptions } from "@/lib/deep-ink/core/options";
import { createStepper } from "@/lib/deep-ink/engine/step";
import { forward, greyInputNet, type FunctionalMobileNet } from "@/lib/vision/functional";
import { LOGITS_OUTPUT } from "@/lib/vision/layers";

export interface BenchRow {
  backend: string;
  size: number;
  what: string;
  ms: number;
  ratio: number;
}

/** Median ms of `rounds` calls after one warm-up call (shader compilation on WebGL). */
export async function medianMs(fn: () => Promise<unknown>, rounds: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Per size: one forward pass of the whole model (grey input, fused, to the logits: the
 * baseline), then a Deep Ink step (input gradient + flip rule) to each layer, as ratios.
 * `extra(size, base)` may add rows measured against the same baseline.
 */
export async function measureSteps(
  net: FunctionalMobileNet,
  backend: string,
  sizes: readonly number[],
  layers: readonly string[],
  rounds: number,
  onRow: (row: BenchRow) => void = () => {},
  extra?: (size: number, base: number) => Promise<BenchRow[]>,
): Promise<BenchRow[]> {
  const grey = greyInputNet(net);
  const rows: BenchRow[] = [];
  const push = (row: BenchRow) => {
    rows.push(row);
    onRow(row);
  };
  for (const size of sizes) {
    const x = tf.zeros([1, size, size, 1]) as tf.Tensor4D;
    const base = await medianMs(async () => {
      const y = tf.tidy(() => forward(grey, x, [LOGITS_OUTPUT])[LOGITS_OUTPUT]);
      await y.data();
      y.dispose();
    }, rounds);
    x.dispose();
    push({ backend, size, what: "forward pass (baseline)", ms: base, ratio: 1 });
    for (const row of (await extra?.(size, base)) ?? []) push(row);
    for (const layer of layers) {
      const options = resolveOptions({ layer, channel: 0, size });
      const stepper = createStepper(net, options);
      const run = createRun(options);
      const ms = await medianMs(async () => {
        const { gradient } = await stepper.gradient(run.bits);
        chooseFlips(run.bits, gradient, options.flipsPerStep);
      }, rounds);
      stepper.dispose();
      push({ backend, size, what: `step to ${layer}`, ms, ratio: ms / base });
    }
  }
  grey.dispose();
  return rows;
}
