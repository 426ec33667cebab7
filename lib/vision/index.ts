/**
 * lib/vision - MobileNet v1 embeddings + ImageNet labels.
 * This entry point is browser/worker-safe; Node-only helpers (disk model loading,
 * WASM backend setup, sharp decoding) live in "@/lib/vision/node".
 */
export * from "./constants";
export * from "./errors";
export * from "./preprocess";
export * from "./mobilenet";
export * from "./functional";
export * from "./layers";
export * from "./embedder";
