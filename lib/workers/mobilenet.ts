/**
 * The functional MobileNet inside a worker: loaded once per worker on the first backend of
 * `backends` that starts, shared by every job; a failed load is forgotten so the next job
 * tries again.
 */
import { loadFunctionalMobileNetFromUrl, type FunctionalMobileNet } from "@/lib/vision/functional";
import { MODEL_PUBLIC_PATH } from "@/lib/vision/mobilenet";
import { initTfBackend } from "./tf-backend";

export interface LoadedMobileNet {
  net: FunctionalMobileNet;
  backend: string;
}

export function workerMobileNet(backends: Parameters<typeof initTfBackend>[0]): (onFraction: (fraction: number) => void) => Promise<LoadedMobileNet> {
  let model: Promise<LoadedMobileNet> | undefined;
  return (onFraction) => {
    model ??= (async () => {
      const backend = await initTfBackend(backends);
      const net = await loadFunctionalMobileNetFromUrl(MODEL_PUBLIC_PATH, (input, init) => fetch(input, init), onFraction);
      return { net, backend };
    })().catch((err: unknown) => {
      model = undefined;
      throw err;
    });
    return model;
  };
}
