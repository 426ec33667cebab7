#!/usr/bin/env node
// `npx auto-lights` (package.json "bin"): runs scripts/lights/auto-lights.ts with tsx, as the
// npm scripts run TypeScript (--conditions=react-server for the server-only modules), from
// any working directory: it runs in the project root (where prisma/migrations is found) and
// resolves --replay and a relative DATA_DIR against the caller's directory, passed on as
// AUTO_LIGHTS_CWD. Arguments, exit code and Ctrl-C pass through.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const child = spawn(
  process.execPath,
  [tsx, "--conditions=react-server", "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "scripts", "lights", "auto-lights.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: root, env: { ...process.env, AUTO_LIGHTS_CWD: process.cwd() } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
