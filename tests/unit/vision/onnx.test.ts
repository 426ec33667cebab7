// The ONNX export (lib/vision/onnx) against the tfjs model it is made from: the committed
// model.onnx is what the exporter writes today, and ONNX Runtime (onnxruntime-web's wasm
// backend in Node) computes the same embedding and classes from the same pixels.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeBatch, createFunctionalMobileNet, preprocess, type ImageEmbedder, type MobileNet } from "@/lib/vision";
import { decodeImage, defaultModelDir, loadMobileNetFromDir, loadOnnxMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";
import { exportMobileNetOnnx, samePadding } from "@/lib/vision/onnx/export";
import { compareEmbeddings } from "@/lib/vision/onnx/compare";
import { modelProtoType } from "@/lib/vision/onnx/schema";

const FIXTURES = path.resolve(__dirname, "../../fixtures/images");
const PHOTOS = ["dalmatian-image_0001.jpg", "pizza-image_0001.jpg", "soccer_ball-image_0003.jpg"];

let net: MobileNet;
let onnx: ImageEmbedder;
let inputs: Float32Array[];

beforeAll(async () => {
  await useWasmBackend();
  [net, onnx] = await Promise.all([loadMobileNetFromDir(), loadOnnxMobileNetFromDir()]);
  inputs = await Promise.all(PHOTOS.map(async (f) => preprocess(await decodeImage(fs.readFileSync(path.join(FIXTURES, f))))));
}, 120_000);

afterAll(() => onnx?.dispose());

describe("ONNX export of MobileNet", () => {
  it("pads like TF's 'same': the odd pixel after", () => {
    expect(samePadding(224, 3, 2)).toEqual([0, 1]);
    expect(samePadding(7, 3, 1)).toEqual([1, 1]);
    expect(samePadding(7, 1, 1)).toEqual([0, 0]);
  });

  it("the committed model.onnx is what the exporter writes from the shipped weights", () => {
    const folded = createFunctionalMobileNet(net.model, net.labels);
    const bytes = exportMobileNetOnnx(folded);
    folded.dispose();
    const committed = fs.readFileSync(path.join(defaultModelDir(), "model.onnx"));
    expect(bytes.length).toBe(committed.length);
    expect(Buffer.compare(Buffer.from(bytes), committed)).toBe(0);
    const model = modelProtoType().decode(bytes) as unknown as { graph: { node: { op_type: string }[]; output: { name: string }[] } };
    const ops = model.graph.node.map((n) => n.op_type);
    expect(ops.filter((o) => o === "Conv")).toHaveLength(27);
    expect(ops.filter((o) => o === "Clip")).toHaveLength(27);
    expect(model.graph.output.map((o) => o.name)).toEqual(["embedding", "probabilities"]);
  });

  it("ONNX Runtime gives the tfjs embedding and classes for the same pixels", async () => {
    const [want, got] = [await analyzeBatch(net, inputs), await onnx.analyzeBatch(inputs, 5)];
    const { minCosine, maxAbsDiff } = compareEmbeddings(want.map((r) => r.embedding), got.map((r) => r.embedding));
    console.log(`ONNX vs tfjs (Node, ${PHOTOS.length} photos): 1 - min cosine ${(1 - minCosine).toExponential(2)}, max |diff| ${maxAbsDiff.toExponential(2)}`);
    expect(minCosine).toBeGreaterThan(0.9999);
    got.forEach((g, i) => {
      expect(g.predictions.map((p) => p.index)).toEqual(want[i].predictions.map((p) => p.index));
      expect(Math.abs(g.predictions[0].probability - want[i].predictions[0].probability)).toBeLessThan(1e-3);
    });
    // a batch gives what one image at a time gives
    const [single] = await onnx.analyzeBatch([inputs[1]], 1);
    expect(compareEmbeddings([single.embedding], [got[1].embedding]).maxAbsDiff).toBeLessThan(1e-5);
  });
});
