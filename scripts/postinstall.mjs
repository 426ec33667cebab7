// After `npm install`: generate the Prisma client (offline) and put the tfjs WASM
// and onnxruntime-web binaries where the browser can fetch them (public/tfjs-wasm/,
// public/ort-wasm/, not committed).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function copyTfjsWasm() {
  const from = path.join(root, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
  const to = path.join(root, "public", "tfjs-wasm");
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from).filter((f) => f.endsWith(".wasm"))) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

/** onnxruntime-web's wasm binary and loader (what its wasm-only build loads) -> public/ort-wasm/, not committed. */
export function copyOrtWasm() {
  const from = path.join(root, "node_modules", "onnxruntime-web", "dist");
  const to = path.join(root, "public", "ort-wasm");
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const file of ["ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.mjs"]) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await import("./prisma-generate.mjs");
  copyTfjsWasm();
  copyOrtWasm();
}
