// `npm test`: unit, integration and end-to-end tests, each in its own vitest run, then
// one summary. Says plainly what it skipped and why (no Chromium, no DATABASE_URL).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGenerated } from "./build-if-needed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const projects = ["unit", "integration", "e2e"].filter((p) => only.length === 0 || only.includes(p));

ensureGenerated(); // in case install scripts were skipped
const skipped = [];
if (!process.env.DATABASE_URL) {
  skipped.push("PostgreSQL server variants of the integration tests: DATABASE_URL is not set (PGlite variants run)");
}
const results = [];
for (const project of projects) {
  if (project === "e2e" && !fs.existsSync(chromium)) {
    skipped.push(`end-to-end tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
    continue;
  }
  const report = path.join(os.tmpdir(), `vitest-${project}-${process.pid}.json`);
  console.log(`\n=== ${project} tests ===`);
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--project", project,
      "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    counts = {
      passed: json.numPassedTests ?? 0,
      failed: (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0),
      skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
    };
    fs.rmSync(report);
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1; // crashed before reporting
  results.push({ project, ...counts });
}

console.log("\n=== summary ===");
for (const r of results) console.log(`${r.project.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
for (const s of skipped) console.log(`skipped: ${s}`);
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
