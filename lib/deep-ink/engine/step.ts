/**
 * Deep Ink's step on tfjs (browser worker, Node CLI and bench alike): the gradient of the
 * chosen channel's mean activation with respect to the input image, through the functional
 * MobileNet (lib/vision/functional) on grey input, truncated at the chosen layer. One step
 * = one tf.valueAndGrad w.r.t. the input only (the folded weights are constants), then the
 * pure flip rule of ../core.
 */
import * as tf from "@tensorflow/tfjs";
import { forward, greyInputNet, type FunctionalMobileNet } from "@/lib/vision/functional";
import { LOGITS_OUTPUT } from "@/lib/vision/layers";
import { advanceRun, createRun, type RunState } from "../core/ink";
import { greyToInput, type DeepInkOptions } from "../core/options";

export interface InkGradient {
  /** Mean activation of the channel at the current image. */
  activation: number;
  /** d activation / d input, one value per pixel (summed over R, G, B). */
  gradient: Float32Array;
}

export interface DeepInkStepper {
  /** Activation and input gradient at `bits` (1 = black). */
  gradient(bits: Uint8Array): Promise<InkGradient>;
  /** Activation only (no gradient), e.g. for the final frame. */
  activation(bits: Uint8Array): Promise<number>;
  dispose(): void;
}

/** The objective: the channel's activation, averaged over space (the class logit for conv_preds). */
function channelMean(out: tf.Tensor, layer: string, channel: number): tf.Scalar {
  if (layer === LOGITS_OUTPUT) return tf.reshape(tf.slice(out as tf.Tensor2D, [0, channel], [1, 1]), []) as tf.Scalar;
  const [n, h, w] = out.shape as number[];
  return tf.mean(tf.slice(out as tf.Tensor4D, [0, 0, 0, channel], [n, h, w, 1])) as tf.Scalar;
}

/** Builds the gradient function for one set of options over a loaded functional MobileNet. */
export function createStepper(net: FunctionalMobileNet, options: Pick<DeepInkOptions, "layer" | "channel" | "size" | "black" | "white">): DeepInkStepper {
  const grey = greyInputNet(net);
  const { layer, channel, size } = options;
  const black = greyToInput(options.black);
  const white = greyToInput(options.white);
  const pixels = size * size;
  const values = new Float32Array(pixels);
  const toInput = (bits: Uint8Array) => {
    if (bits.length !== pixels) throw new Error(`image has ${bits.length} pixels, expected ${size}x${size}`);
    for (let i = 0; i < pixels; i++) values[i] = bits[i] ? black : white;
    return tf.tensor4d(values, [1, size, size, 1]);
  };
  const objective = (x: tf.Tensor) => channelMean(forward(grey, x as tf.Tensor4D, [layer], { differentiable: true })[layer], layer, channel);
  const valueAndGrad = tf.valueAndGrad(objective);
  return {
    async gradient(bits) {
      const { value, grad } = tf.tidy(() => {
        const x = toInput(bits);
        return valueAndGrad(x);
      });
      try {
        const [v, g] = await Promise.all([value.data(), grad.data()]);
        return { activation: v[0], gradient: g as Float32Array };
      } finally {
        value.dispose();
        grad.dispose();
      }
    },
    async activation(bits) {
      const v = tf.tidy(() => channelMean(forward(grey, toInput(bits), [layer])[layer], layer, channel));
      try {
        return (await v.data())[0];
      } finally {
        v.dispose();
      }
    },
    dispose: () => grey.dispose(),
  };
}

export interface RunCallbacks {
  /** After each step: the step index (1-based), the flips just applied and the run. */
  onStep?: (step: number, flips: Int32Array, run: RunState) => void | Promise<void>;
  /** Checked before each step; aborting stops the run after the current step. */
  signal?: AbortSignal;
}

/**
 * Runs `options.steps` steps from the blob (or continues `run`) and returns the run. The
 * activation recorded for a step is the one before its flips.
 */
export async function runDeepInk(net: FunctionalMobileNet, options: DeepInkOptions, callbacks: RunCallbacks = {}, run: RunState = createRun(options)): Promise<RunState> {
  const stepper = createStepper(net, options);
  try {
    while (run.steps.length < options.steps) {
      if (callbacks.signal?.aborted) break;
      const { activation, gradient } = await stepper.gradient(run.bits);
      const flips = advanceRun(run, activation, gradient);
      await callbacks.onStep?.(run.steps.length, flips, run);
    }
    return run;
  } finally {
    stepper.dispose();
  }
}
