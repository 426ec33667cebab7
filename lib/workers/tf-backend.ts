import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export type TfBackendName = "webgl" | "wasm" | "cpu";

/** Where the page serves the tfjs WASM binaries (copied by scripts/postinstall.mjs). */
export const TFJS_WASM_URL = "/tfjs-wasm/";

/**
 * Picks the fastest backend this browser has: WebGL when a GL context exists, else WASM,
 * else plain JS. Returns the backend in use. Safe to call more than once.
 */
export async function initTfBackend(order: TfBackendName[] = ["webgl", "wasm", "cpu"]): Promise<TfBackendName> {
  const current = tf.getBackend() as TfBackendName | undefined;
  if (current && order.includes(current)) return current;
  setWasmPaths(TFJS_WASM_URL);
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // this backend is not available here; try the next one
    }
  }
  throw new Error(`No TensorFlow.js backend could start (tried ${order.join(", ")}).`);
}
