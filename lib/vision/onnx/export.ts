/**
 * MobileNet v1 0.75 as an ONNX model, written from the folded functional pass
 * (lib/vision/functional: batch norm already folded into each conv's kernel and bias),
 * so ONNX Runtime runs exactly the graph the deep-ink pass runs:
 *
 *   input (n, 224, 224, 3) NHWC in [-1, 1], as preprocess() makes it
 *   -> Transpose to NCHW
 *   -> 27 x [Conv (bias fused; depthwise = group = channels) -> Clip(0, 6)]  (relu6)
 *   -> GlobalAveragePool -> Flatten  = "embedding" (n, 768)
 *   -> Gemm (conv_preds as a dense layer) -> Softmax  = "probabilities" (n, 1000)
 *
 * Opset 13, IR version 7. TF's "same" padding is written as explicit pads for a 224 input
 * (stride 2 pads one pixel at the bottom/right only, as TF does). Browser-safe: reads the
 * folded tensors with dataSync and encodes with protobufjs. Deterministic: the same
 * weights give the same bytes (tests/unit/vision/onnx-export.test.ts compares the file
 * in public/models with a fresh export).
 */
import { MODEL_INPUT_SIZE } from "../preprocess";
import type { FoldedBlock, FunctionalMobileNet } from "../functional";
import { EMBEDDING_DIM } from "../constants";
import { modelProtoType, OnnxAttributeType, OnnxDataType } from "./schema";

export const ONNX_INPUT = "input";
export const ONNX_EMBEDDING_OUTPUT = "embedding";
export const ONNX_PROBABILITIES_OUTPUT = "probabilities";
export const ONNX_OPSET = 13;
const IR_VERSION = 7;

type Attribute = { name: string; type: number; i?: number; ints?: number[]; f?: number };
type Node = { op_type: string; name: string; input: string[]; output: string[]; attribute?: Attribute[] };
type Tensor = { name: string; dims: number[]; data_type: number; raw_data: Uint8Array };

const ints = (name: string, values: number[]): Attribute => ({ name, type: OnnxAttributeType.INTS, ints: values });
const int = (name: string, value: number): Attribute => ({ name, type: OnnxAttributeType.INT, i: value });

function floatTensor(name: string, dims: number[], values: Float32Array): Tensor {
  const bytes = new Uint8Array(values.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true); // ONNX raw_data is little-endian
  return { name, dims, data_type: OnnxDataType.FLOAT, raw_data: bytes };
}

/** TF "same" padding along one axis: [before, after] (the odd pixel goes after). */
export function samePadding(inSize: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + kernel - inSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** tfjs kernel (kh, kw, in, out) -> ONNX (out, in, kh, kw); depthwise (kh, kw, c, 1) -> (c, 1, kh, kw). */
function onnxKernel(block: FoldedBlock): { dims: number[]; values: Float32Array } {
  const [kh, kw, cin, cout] = block.kernel.shape;
  const src = block.kernel.dataSync() as Float32Array;
  const dst = new Float32Array(src.length);
  if (block.kind === "depthwise") {
    for (let c = 0; c < cin; c++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) dst[(c * kh + y) * kw + x] = src[(y * kw + x) * cin + c];
    return { dims: [cin, 1, kh, kw], values: dst };
  }
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < cin; i++) {
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) dst[((o * cin + i) * kh + y) * kw + x] = src[((y * kw + x) * cin + i) * cout + o];
    }
  }
  return { dims: [cout, cin, kh, kw], values: dst };
}

function valueInfo(name: string, dims: (number | string)[]) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** The folded network as ONNX ModelProto bytes (float32 weights, ~10 MB). */
export function exportMobileNetOnnx(net: FunctionalMobileNet): Uint8Array {
  const nodes: Node[] = [];
  const initializers: Tensor[] = [
    floatTensor("relu6_min", [], new Float32Array([0])),
    floatTensor("relu6_max", [], new Float32Array([6])),
  ];
  nodes.push({ op_type: "Transpose", name: "to_nchw", input: [ONNX_INPUT], output: ["input_nchw"], attribute: [ints("perm", [0, 3, 1, 2])] });
  let x = "input_nchw";
  let size = MODEL_INPUT_SIZE;
  for (const block of net.blocks) {
    const { dims, values } = onnxKernel(block);
    const k = dims[2];
    const [before, after] = samePadding(size, k, block.stride);
    initializers.push(floatTensor(`${block.name}_kernel`, dims, values), floatTensor(`${block.name}_bias`, [block.channels], block.bias.dataSync() as Float32Array));
    nodes.push({
      op_type: "Conv",
      name: block.name,
      input: [x, `${block.name}_kernel`, `${block.name}_bias`],
      output: [`${block.name}_bn`],
      attribute: [
        ints("kernel_shape", [k, k]),
        ints("strides", [block.stride, block.stride]),
        ints("pads", [before, before, after, after]),
        ints("dilations", [1, 1]),
        int("group", block.kind === "depthwise" ? block.channels : 1),
      ],
    });
    nodes.push({ op_type: "Clip", name: `${block.name}_relu`, input: [`${block.name}_bn`, "relu6_min", "relu6_max"], output: [`${block.name}_relu`] });
    x = `${block.name}_relu`;
    size = Math.ceil(size / block.stride);
  }
  nodes.push({ op_type: "GlobalAveragePool", name: "global_average_pooling2d_1", input: [x], output: ["pooled"] });
  nodes.push({ op_type: "Flatten", name: "flatten", input: ["pooled"], output: [ONNX_EMBEDDING_OUTPUT], attribute: [int("axis", 1)] });
  const [inDim, classes] = net.classifier.kernel.shape;
  initializers.push(
    floatTensor("conv_preds_kernel", [inDim, classes], net.classifier.kernel.dataSync() as Float32Array),
    floatTensor("conv_preds_bias", [classes], net.classifier.bias.dataSync() as Float32Array),
  );
  nodes.push({ op_type: "Gemm", name: "conv_preds", input: [ONNX_EMBEDDING_OUTPUT, "conv_preds_kernel", "conv_preds_bias"], output: ["logits"] });
  nodes.push({ op_type: "Softmax", name: "act_softmax", input: ["logits"], output: [ONNX_PROBABILITIES_OUTPUT], attribute: [int("axis", 1)] });

  const type = modelProtoType();
  const model = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: "", version: ONNX_OPSET }],
    producer_name: "osinga-demos lib/vision/onnx",
    producer_version: "1",
    doc_string: "MobileNet v1 0.75/224 (Keras ImageNet weights), batch norm folded; input NHWC in [-1, 1]",
    graph: {
      name: "mobilenet_v1_0.75_224",
      node: nodes,
      initializer: initializers,
      input: [valueInfo(ONNX_INPUT, ["batch", MODEL_INPUT_SIZE, MODEL_INPUT_SIZE, 3])],
      output: [valueInfo(ONNX_EMBEDDING_OUTPUT, ["batch", EMBEDDING_DIM]), valueInfo(ONNX_PROBABILITIES_OUTPUT, ["batch", classes])],
    },
  };
  const problem = type.verify(model);
  if (problem) throw new Error(`ONNX model does not match the schema: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}
