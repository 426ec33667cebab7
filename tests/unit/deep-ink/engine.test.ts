import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, isOnInkEdge } from "@/lib/deep-ink/core/ink";
import { resolveOptions } from "@/lib/deep-ink/core/options";
import { createStepper, runDeepInk } from "@/lib/deep-ink/engine/step";
import type { FunctionalMobileNet } from "@/lib/vision/functional";
import { loadFunctionalMobileNetFromDir, useCpuBackend } from "@/lib/vision/node";

let net: FunctionalMobileNet;

beforeAll(async () => {
  await useCpuBackend();
  net = await loadFunctionalMobileNetFromDir();
}, 120_000);

afterAll(() => net?.dispose());

describe("Deep Ink step (functional MobileNet, CPU backend)", () => {
  const options = resolveOptions({ layer: "conv_pw_3_relu", channel: 10, size: 64, blob: 10, flipsPerStep: 12, steps: 10 });

  it("the gradient agrees with the activation change of a real flip (first order)", async () => {
    const stepper = createStepper(net, options);
    const run = createRun(options);
    const { activation, gradient } = await stepper.gradient(run.bits);
    expect(activation).toBeCloseTo(await stepper.activation(run.bits), 4);
    // the pixel with the largest |gradient|: flip it and compare the change with the prediction
    let p = 0;
    for (let i = 1; i < gradient.length; i++) if (Math.abs(gradient[i]) > Math.abs(gradient[p])) p = i;
    const flipped = run.bits.slice();
    flipped[p] ^= 1;
    const delta = (await stepper.activation(flipped)) - activation;
    const step = (options.white - options.black) / 127.5;
    const predicted = gradient[p] * (run.bits[p] ? step : -step);
    expect(Math.sign(delta)).toBe(Math.sign(predicted));
    expect(Math.abs(delta - predicted)).toBeLessThan(Math.abs(predicted) * 0.5);
    stepper.dispose();
  }, 60_000);

  it("one step flips at most flipsPerStep pixels, each on the ink's edge and favoured by the gradient", async () => {
    const stepper = createStepper(net, options);
    const run = createRun(options);
    const before = run.bits.slice();
    const { gradient } = await stepper.gradient(run.bits);
    let changed = 0;
    const seen: number[] = [];
    await runDeepInk(net, { ...options, steps: 1 }, { onStep: (_s, flips) => void seen.push(...flips) }, run);
    for (let p = 0; p < before.length; p++) if (before[p] !== run.bits[p]) changed++;
    expect(changed).toBe(seen.length);
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(options.flipsPerStep);
    for (const p of seen) {
      expect(before[p] ? gradient[p] : -gradient[p]).toBeGreaterThan(0);
      expect(isOnInkEdge(before, options.size, p)).toBe(true);
    }
    stepper.dispose();
  }, 60_000);

  it("over a short run the chosen activation rises", async () => {
    const run = await runDeepInk(net, options);
    const acts = run.steps.map((s) => s.activation);
    expect(acts).toHaveLength(10);
    expect(acts[acts.length - 1]).toBeGreaterThan(acts[0]);
    const stepper = createStepper(net, options);
    expect(await stepper.activation(run.bits)).toBeGreaterThan(acts[0]);
    stepper.dispose();
  }, 120_000);

  it("draws for a class score too", async () => {
    const o = resolveOptions({ layer: "conv_preds", channel: 980, size: 64, steps: 4, flipsPerStep: 16 });
    const run = await runDeepInk(net, o);
    expect(run.steps[3].activation).toBeGreaterThan(run.steps[0].activation);
  }, 120_000);
});
