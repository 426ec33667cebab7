// Builds the Next.js app when there is no build yet or the sources changed since the
// last one, so `npm start` and the e2e tests never serve a stale build.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["app", "components", "lib", "workers", "public", "prisma", "next.config.ts", "package.json", "instrumentation.ts", "tsconfig.json"];
const STAMP = path.join(root, ".next", "source-stamp");

function walk(p, out) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) if (name !== "generated" && name !== "tfjs-wasm" && name !== "ort-wasm") walk(path.join(p, name), out);
  } else out.push(`${path.relative(root, p)}:${st.size}:${Math.floor(st.mtimeMs)}`);
}

export function sourceStamp() {
  const files = [];
  for (const s of SOURCES) walk(path.join(root, s), files);
  return crypto.createHash("sha256").update(files.join("\n")).digest("hex");
}

/** What postinstall makes, in case install scripts were skipped (npm --ignore-scripts). */
export function ensureGenerated() {
  if (!fs.existsSync(path.join(root, "lib", "generated", "prisma", "client.ts")))
    run(process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")]);
  if (!fs.existsSync(path.join(root, "public", "tfjs-wasm")) || !fs.existsSync(path.join(root, "public", "ort-wasm"))) run(process.execPath, [path.join(root, "scripts", "postinstall.mjs")]);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) {
    console.error(`[build] ${path.basename(args[0] ?? cmd)} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

export function buildIfNeeded({ force = false } = {}) {
  ensureGenerated();
  const stamp = sourceStamp();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
  if (!force && built && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp) {
    console.log("[build] up to date");
    return false;
  }
  console.log(built ? "[build] sources changed: rebuilding" : "[build] first start: building the app (a minute or two)");
  const started = Date.now();
  run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"]);
  fs.writeFileSync(STAMP, stamp);
  console.log(`[build] done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfNeeded({ force: process.argv.includes("--force") });
