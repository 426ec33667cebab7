/**
 * MobileNet v1 0.75's layer catalog as plain data (no tfjs import), for option checks in
 * page bundles and pure code: the 27 conv blocks with their output channels and strides.
 * lib/vision/functional checks the loaded weights against it.
 */
export interface MobileNetBlockInfo {
  /** The LayersModel's conv layer: "conv1", "conv_dw_1", "conv_pw_1", ... */
  name: string;
  kind: "conv" | "depthwise";
  stride: 1 | 2;
  channels: number;
}

/** Pointwise channels per block 1..13 (0.75 x 64, 128, 128, 256, 256, 512 x 6, 1024, 1024). */
const PW = [48, 96, 96, 192, 192, 384, 384, 384, 384, 384, 384, 768, 768];
/** Blocks whose depthwise conv has stride 2. */
const DW_STRIDE_2 = new Set([2, 4, 6, 12]);

export const MOBILENET_BLOCKS: readonly MobileNetBlockInfo[] = [
  { name: "conv1", kind: "conv", stride: 2, channels: 24 },
  ...PW.flatMap((pw, i): MobileNetBlockInfo[] => [
    { name: `conv_dw_${i + 1}`, kind: "depthwise", stride: DW_STRIDE_2.has(i + 1) ? 2 : 1, channels: i === 0 ? 24 : PW[i - 1] },
    { name: `conv_pw_${i + 1}`, kind: "conv", stride: 1, channels: pw },
  ]),
];

/** The block names in order: conv1, conv_dw_1, conv_pw_1, ..., conv_dw_13, conv_pw_13. */
export const BLOCK_NAMES: readonly string[] = MOBILENET_BLOCKS.map((b) => b.name);

export const EMBEDDING_OUTPUT = "global_average_pooling2d_1";
export const LOGITS_OUTPUT = "conv_preds";
export const PROBABILITIES_OUTPUT = "act_softmax";
export const CLASS_COUNT = 1000;

export interface OutputInfo {
  name: string;
  /** Channels (last axis) of the output. */
  channels: number;
  /** "pre" = conv + folded batch norm (`<block>_bn`), "relu" = after relu6, then the heads. */
  kind: "pre" | "relu" | "embedding" | "logits" | "probabilities";
  /** Index of the block that produces it (-1 for the heads after the last block). */
  block: number;
  /** Product of the strides up to and including this output (2 ... 32). */
  stride: number;
}

/** Every named output of the functional pass, input to output. */
export const OUTPUTS: readonly OutputInfo[] = (() => {
  const out: OutputInfo[] = [];
  let stride = 1;
  MOBILENET_BLOCKS.forEach((b, block) => {
    stride *= b.stride;
    out.push({ name: `${b.name}_bn`, channels: b.channels, kind: "pre", block, stride });
    out.push({ name: `${b.name}_relu`, channels: b.channels, kind: "relu", block, stride });
  });
  out.push({ name: EMBEDDING_OUTPUT, channels: 768, kind: "embedding", block: -1, stride });
  out.push({ name: LOGITS_OUTPUT, channels: CLASS_COUNT, kind: "logits", block: -1, stride });
  out.push({ name: PROBABILITIES_OUTPUT, channels: CLASS_COUNT, kind: "probabilities", block: -1, stride });
  return out;
})();

/** Output facts by name, or undefined. */
export function outputByName(name: string): OutputInfo | undefined {
  return OUTPUTS.find((o) => o.name === name);
}

/** Spatial size of an output for a square input of `inputSize` ("same" padding: ceil at each stride 2). */
export function outputSpatialSize(info: OutputInfo, inputSize: number): number {
  if (info.block < 0) return 1;
  let s = inputSize;
  for (let i = 0; i <= info.block; i++) s = Math.ceil(s / MOBILENET_BLOCKS[i].stride);
  return s;
}
