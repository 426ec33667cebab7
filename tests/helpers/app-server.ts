import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Starts the built app the way `npm start` serves it, on a free loopback port and a fresh
 * data directory (so first-start migration and seeding are exercised). Used by the e2e
 * global setup and by bench/api-load. Builds first when the sources changed.
 */
const root = path.resolve(import.meta.dirname, "..", "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForHealth(baseURL: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode} before it was ready`);
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy in ${timeoutMs / 1000} s: ${last}`);
}

export interface RunningApp {
  baseURL: string;
  /** The server's output so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

export async function startBuiltApp(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningApp> {
  const { buildIfNeeded } = (await import(path.join(root, "scripts", "build-if-needed.mjs"))) as { buildIfNeeded: () => boolean };
  buildIfNeeded();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "app-data-"));
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, "server.log");
  const log = fs.createWriteStream(logFile);
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");
  try {
    await waitForHealth(baseURL, server, options.timeoutMs ?? 300_000);
  } catch (err) {
    console.error(readLog().slice(-4000));
    await stop();
    throw err;
  }
  return { baseURL, log: readLog, stop };
}
