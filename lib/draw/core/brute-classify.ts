/**
 * Classifying brute-force grids with the functional MobileNet (lib/vision/functional):
 * the same code in Node (npm run draw:brute, the 7x7 search) and in the page's worker.
 * Browser-safe (plain tfjs).
 */
import * as tf from "@tensorflow/tfjs";
import { forwardTo, type FunctionalMobileNet } from "@/lib/vision/functional";
import { PROBABILITIES_OUTPUT } from "@/lib/vision/layers";
import { BRUTE_GRID, bitsToPixels, upscaleGrids, type TopLabel } from "./brute";

/** Top-1 label of each row of (n, classes) probabilities. */
export function topLabels(probs: ArrayLike<number>, classes: number): TopLabel[] {
  const n = probs.length / classes;
  const out: TopLabel[] = [];
  for (let r = 0; r < n; r++) {
    const base = r * classes;
    let best = 0;
    let p = probs[base];
    for (let k = 1; k < classes; k++) {
      if (probs[base + k] > p) {
        p = probs[base + k];
        best = k;
      }
    }
    out.push({ label: best, probability: p });
  }
  return out;
}

/** Class probabilities (count, 1000) for square 0/1 grids upscaled to `size`. */
export async function classifyGridProbabilities(
  net: FunctionalMobileNet,
  grids: readonly ArrayLike<number>[],
  grid: number,
  size: number,
): Promise<Float32Array> {
  if (grids.length === 0) return new Float32Array(0);
  const probs = tf.tidy(() => {
    const input = tf.tensor4d(upscaleGrids(grids, grid, size), [grids.length, size, size, 3]);
    return forwardTo(net, input, PROBABILITIES_OUTPUT);
  });
  try {
    return (await probs.data()) as Float32Array;
  } finally {
    probs.dispose();
  }
}

/** Top-1 label of each square 0/1 grid. */
export async function classifyGrids(net: FunctionalMobileNet, grids: readonly ArrayLike<number>[], grid: number, size: number): Promise<TopLabel[]> {
  const probs = await classifyGridProbabilities(net, grids, grid, size);
  return topLabels(probs, net.labels.length);
}

/** Top-1 label of each 4x4 image given as bits (see lib/draw/core/brute.ts). */
export function classifyBits(net: FunctionalMobileNet, bits: readonly number[], size: number): Promise<TopLabel[]> {
  return classifyGrids(
    net,
    bits.map((b) => bitsToPixels(b, BRUTE_GRID)),
    BRUTE_GRID,
    size,
  );
}
