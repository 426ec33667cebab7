import fs from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyBlock,
  BLOCK_NAMES,
  createFunctionalMobileNet,
  EMBEDDING_OUTPUT,
  forward,
  greyInputNet,
  LOGITS_OUTPUT,
  outputByName,
  outputSpatialSize,
  preprocess,
  PROBABILITIES_OUTPUT,
  type FunctionalMobileNet,
  type MobileNet,
} from "@/lib/vision";
import { decodeImage, loadMobileNetFromDir, useCpuBackend } from "@/lib/vision/node";

const FIXTURES = path.resolve(__dirname, "../../fixtures/images");

let net: MobileNet;
let fn: FunctionalMobileNet;
let photo: tf.Tensor4D;

beforeAll(async () => {
  expect(await useCpuBackend()).toBe("cpu");
  net = await loadMobileNetFromDir();
  fn = createFunctionalMobileNet(net.model, net.labels);
  const input = preprocess(await decodeImage(fs.readFileSync(path.join(FIXTURES, "dalmatian-image_0001.jpg"))));
  photo = tf.tensor4d(input, [1, 224, 224, 3]);
}, 120_000);

afterAll(() => {
  photo?.dispose();
  fn?.dispose();
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.size).toBe(b.size);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(tf.reshape(a, [-1]), tf.reshape(b, [-1])))).dataSync()[0]);
}

describe("functional MobileNet (batch norm folded) = the LayersModel", () => {
  it("each folded block, fed the LayersModel's own input to it, gives its pre-activation and relu6 output within 1e-4", () => {
    // Per block: the LayersModel's activation before the block -> our conv + folded batch
    // norm -> compare with the LayersModel's `<block>_bn` and `<block>_relu`.
    const names = BLOCK_NAMES.flatMap((b) => [`${b}_bn`, `${b}_relu`]);
    const reference = tf.model({ inputs: net.model.inputs, outputs: names.map((n) => net.model.getLayer(n).output as tf.SymbolicTensor) });
    const worst: { name: string; diff: number }[] = [];
    tf.tidy(() => {
      const want = reference.predict(photo) as tf.Tensor4D[];
      fn.blocks.forEach((block, i) => {
        const input = i === 0 ? photo : want[2 * i - 1]; // previous block's relu6 output
        worst.push({ name: `${block.name}_bn`, diff: maxAbsDiff(applyBlock(input, block, "linear"), want[2 * i]) });
        worst.push({ name: `${block.name}_relu`, diff: maxAbsDiff(applyBlock(input, block, "relu6"), want[2 * i + 1]) });
      });
    });
    expect(worst.filter((w) => !(w.diff <= 1e-4))).toEqual([]);
  }, 120_000);

  it("the whole pass: every named output agrees with the LayersModel within 1e-4 of its scale", () => {
    // Chained through 27 blocks, float32 rounding (the folded kernel multiplies once
    // instead of conv-then-scale) accumulates to ~2e-4 absolute on pre-activations that
    // reach ~20, so the end-to-end bound is relative to each output's largest value.
    const names = fn.outputNames;
    expect(names).toContain("conv1_relu");
    expect(names).toContain("conv_pw_13_relu");
    expect(names).toHaveLength(BLOCK_NAMES.length * 2 + 3);
    const reference = tf.model({
      inputs: net.model.inputs,
      outputs: names.map((n) => net.model.getLayer(n).output as tf.SymbolicTensor),
    });
    const worst: { name: string; diff: number; scale: number }[] = [];
    tf.tidy(() => {
      const want = reference.predict(photo) as tf.Tensor[];
      const got = forward(fn, photo, names);
      names.forEach((name, i) => {
        // conv_preds / act_softmax are (1, 1, 1, 1000) in the LayersModel, (1, 1000) here
        expect(got[name].size).toBe(want[i].size);
        const scale = tf.max(tf.abs(want[i])).dataSync()[0];
        worst.push({ name, diff: maxAbsDiff(got[name], want[i]), scale });
      });
    });
    expect(worst.filter((w) => !(w.diff <= 1e-4 * Math.max(1, w.scale)))).toEqual([]);
    // the logits and the embedding, which other demos use directly, within 1e-4 absolute
    expect(worst.find((w) => w.name === LOGITS_OUTPUT)!.diff).toBeLessThanOrEqual(1e-4);
    expect(worst.find((w) => w.name === EMBEDDING_OUTPUT)!.diff).toBeLessThanOrEqual(1e-4);
    // not trivially equal: deep pre-activations are large
    expect(worst.find((w) => w.name === "conv_pw_13_bn")!.scale).toBeGreaterThan(1);
  }, 120_000);

  it("the gradient path (plain conv + add + relu6) gives the same outputs as the fused one", () => {
    tf.tidy(() => {
      const a = forward(fn, photo, ["conv_pw_5_relu", LOGITS_OUTPUT]);
      const b = forward(fn, photo, ["conv_pw_5_relu", LOGITS_OUTPUT], { differentiable: true });
      expect(maxAbsDiff(a.conv_pw_5_relu, b.conv_pw_5_relu)).toBeLessThanOrEqual(1e-4);
      expect(maxAbsDiff(a[LOGITS_OUTPUT], b[LOGITS_OUTPUT])).toBeLessThanOrEqual(1e-4);
    });
  }, 60_000);

  it("classifies the dalmatian and gives the 768-d embedding", () => {
    tf.tidy(() => {
      const out = forward(fn, photo, [EMBEDDING_OUTPUT, PROBABILITIES_OUTPUT]);
      expect(out[EMBEDDING_OUTPUT].shape).toEqual([1, 768]);
      const top = tf.argMax(out[PROBABILITIES_OUTPUT], 1).dataSync()[0];
      expect(fn.labels[top]).toMatch(/^dalmatian/);
    });
  }, 60_000);

  it("an input gradient through the functional pass matches the LayersModel's", () => {
    const layer = "conv_pw_3_relu";
    const channel = 7;
    const small = tf.tidy(() => tf.slice(photo, [0, 0, 0, 0], [1, 224, 224, 3]));
    const sub = tf.model({ inputs: net.model.inputs, outputs: net.model.getLayer(layer).output as tf.SymbolicTensor });
    tf.tidy(() => {
      const objective = (out: tf.Tensor) => tf.mean(tf.gather(out, [channel], 3));
      const gFn = tf.grad((x: tf.Tensor) => objective(forward(fn, x as tf.Tensor4D, [layer], { differentiable: true })[layer]))(small);
      const gRef = tf.grad((x: tf.Tensor) => objective(sub.apply(x) as tf.Tensor))(small);
      const scale = tf.max(tf.abs(gRef)).dataSync()[0];
      expect(scale).toBeGreaterThan(0);
      expect(maxAbsDiff(gFn, gRef) / scale).toBeLessThan(1e-3);
    });
    small.dispose();
  }, 120_000);

  it("runs at other input sizes; the layer catalog gives the output shapes", () => {
    const info = outputByName("conv_pw_11_relu")!;
    expect(info).toMatchObject({ channels: 384, kind: "relu", stride: 16 });
    expect(outputSpatialSize(info, 112)).toBe(7);
    expect(outputSpatialSize(info, 224)).toBe(14);
    expect(outputSpatialSize(outputByName("conv1_bn")!, 112)).toBe(56);
    expect(outputByName(LOGITS_OUTPUT)).toMatchObject({ channels: 1000, kind: "logits" });
    expect(outputByName("conv1")).toBeUndefined();
    tf.tidy(() => {
      const x = tf.zeros([1, 112, 112, 3]) as tf.Tensor4D;
      const out = forward(fn, x, ["conv_pw_11_relu", "conv_dw_12_relu", LOGITS_OUTPUT]);
      expect(out.conv_pw_11_relu.shape).toEqual([1, 7, 7, 384]);
      expect(out.conv_dw_12_relu.shape).toEqual([1, 4, 4, 384]);
      expect(outputSpatialSize(outputByName("conv_dw_12_relu")!, 112)).toBe(4);
      expect(out[LOGITS_OUTPUT].shape).toEqual([1, 1000]);
    });
  }, 60_000);

  it("unknown output names throw, listing the known ones", () => {
    expect(() => forward(fn, photo, ["conv1"])).toThrow(/unknown MobileNet output "conv1"; known: conv1_bn, conv1_relu/);
  });
});

describe("greyInputNet", () => {
  it("a grey image through the 1-channel net = the same grey on R, G and B", () => {
    const grey = greyInputNet(fn);
    tf.tidy(() => {
      const one = tf.randomUniform([1, 64, 64, 1], -1, 1, "float32", 7) as tf.Tensor4D;
      const three = tf.tile(one, [1, 1, 1, 3]) as tf.Tensor4D;
      const a = forward(grey, one, ["conv_pw_4_relu", LOGITS_OUTPUT]);
      const b = forward(fn, three, ["conv_pw_4_relu", LOGITS_OUTPUT]);
      expect(maxAbsDiff(a.conv_pw_4_relu, b.conv_pw_4_relu)).toBeLessThanOrEqual(1e-4);
      expect(maxAbsDiff(a[LOGITS_OUTPUT], b[LOGITS_OUTPUT])).toBeLessThanOrEqual(1e-4);
    });
    grey.dispose();
    // the shared blocks survive
    expect(fn.blocks[1].kernel.isDisposed).toBe(false);
  }, 60_000);
});
