// `npm start`: build if needed, then serve on PORT (default 3000). The server migrates
// and seeds the database at start (instrumentation.ts); embedded PGlite unless DATABASE_URL.
// The environment is validated here by the same lib/env.ts the server uses, so a bad
// PORT or DATABASE_URL stops before the build, with the reason.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "@/lib/env";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let port: number;
try {
  port = parseEnv().PORT;
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

buildIfNeeded();
const server = spawn(
  process.execPath,
  [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
