/**
 * The browser half of a bench: bundles a page script with esbuild, serves it with the files
 * it needs from a loopback server, and starts headless Chromium (Debian's, via
 * find-chromium) with WebGL through SwiftShader. Null when no Chromium is installed.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { defaultModelDir } from "@/lib/vision/node";
import { findChromium } from "@/scripts/find-chromium.mjs";

export interface BenchBrowser {
  browser: Browser;
  /** The page's address (it loads the bundle as a module). */
  url: string;
  close(): Promise<void>;
}

export interface BenchPageOptions {
  /** The page script, bundled with "@" = the repo root. */
  entry: string;
  /** URL path -> file on disk. */
  files?: Record<string, string>;
  /** Send COOP/COEP so the page may use SharedArrayBuffer (wasm threads). */
  crossOriginIsolated?: boolean;
  /** Extra headers for the served files (e.g. Cache-Control as next.config.ts sends it). */
  fileHeaders?: Record<string, string>;
}

/** URL path -> file for the MobileNet's model files, as the app serves them. */
export function mobileNetFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(defaultModelDir())) files[`/models/mobilenet_v1_0.75_224/${f}`] = path.join(defaultModelDir(), f);
  return files;
}

function contentType(file: string): string {
  if (file.endsWith(".wasm")) return "application/wasm";
  if (file.endsWith(".mjs") || file.endsWith(".js")) return "text/javascript";
  if (file.endsWith(".json")) return "application/json";
  return "application/octet-stream";
}

export async function openBenchBrowser(opts: BenchPageOptions): Promise<BenchBrowser | null> {
  const found = findChromium();
  if (!found.path) {
    console.log(`Chromium part skipped: ${found.why}`);
    return null;
  }
  const bundle = await build({
    entryPoints: [path.resolve(opts.entry)],
    bundle: true,
    format: "esm",
    write: false,
    platform: "browser",
    alias: { "@": path.resolve(".") },
    logLevel: "error",
  });
  const js = bundle.outputFiles[0].text;
  const files = opts.files ?? {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (opts.crossOriginIsolated) {
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    if (url.pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><script type="module" src="/bench.js"></script>');
    if (url.pathname === "/bench.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(js);
    const file = files[url.pathname];
    if (!file) return res.writeHead(404).end();
    for (const [k, v] of Object.entries(opts.fileHeaders ?? {})) res.setHeader(k, v);
    res.writeHead(200, { "content-type": contentType(file) }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  // No --disable-gpu: without a GPU Chromium then offers WebGL through SwiftShader.
  const browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  return {
    browser,
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
