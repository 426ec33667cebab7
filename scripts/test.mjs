// `npm test`: unit, integration and end-to-end tests, each in its own vitest run, then
// one summary. Says plainly what it skipped and why (no Chromium, no DATABASE_URL); under
// CI (CI=true) a skipped part fails the run, so CI cannot go green without running it.
// The last line is always `tests: N passed, N failed, N skipped` (CI reads it).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGenerated } from "./build-if-needed.mjs";
import { findChromium } from "./find-chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const projects = ["unit", "integration", "e2e"].filter((p) => only.length === 0 || only.includes(p));
const ci = !["", "0", "false"].includes((process.env.CI ?? "").trim().toLowerCase());

ensureGenerated(); // in case install scripts were skipped
const skipped = [];
if (projects.includes("integration") && !process.env.DATABASE_URL) {
  skipped.push("PostgreSQL server variants of the integration tests: DATABASE_URL is not set (PGlite variants run)");
}
const chromium = projects.includes("e2e") ? findChromium() : undefined;

const results = [];
for (const project of projects) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (project === "e2e") {
    if (!chromium.path) {
      skipped.push(`end-to-end tests: ${chromium.why}`);
      continue;
    }
    env.CHROMIUM_PATH = chromium.path;
  }
  const summaryFile = path.join(os.tmpdir(), `vitest-${project}-${process.pid}.json`);
  fs.rmSync(summaryFile, { force: true });
  console.log(`\n=== ${project} tests${project === "e2e" ? ` (Chromium: ${chromium.path})` : ""} ===`);
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--project", project,
      "--reporter=default", `--reporter=${path.join(root, "scripts", "test-summary-reporter.mjs")}`],
    { cwd: root, stdio: "inherit", env: { ...env, TEST_SUMMARY_FILE: summaryFile } },
  );
  const result = { project, passed: 0, failed: 0, skipped: 0, problems: [] };
  if (fs.existsSync(summaryFile)) {
    const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
    fs.rmSync(summaryFile);
    Object.assign(result, { passed: summary.passed, failed: summary.failed, skipped: summary.skipped });
    for (const s of summary.failedSuites) result.problems.push(`${s.file}${s.suite ? ` > ${s.suite}` : ""}: ${s.error}`);
    for (const e of summary.unhandledErrors) result.problems.push(`unhandled error: ${e}`);
  } else {
    result.problems.push(`vitest exited with ${run.status ?? run.signal} before reporting`);
  }
  if (run.status !== 0 && result.failed === 0 && result.problems.length === 0) {
    result.problems.push(`vitest exited with ${run.status ?? run.signal} although no test failed (see its output above)`);
  }
  results.push(result);
}

console.log("\n=== summary ===");
for (const r of results) {
  console.log(`${r.project.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
}
const problems = results.flatMap((r) => r.problems.map((p) => `${r.project}: ${p}`));
for (const s of skipped) console.log(`skipped: ${s}`);
for (const p of problems) console.log(`failed to run: ${p}`);
if (problems.length > 0) console.log(`suites failed to run: ${problems.length}`);
if (ci && skipped.length > 0) {
  console.log(`CI=${process.env.CI}: a skipped part fails the run (CI must run everything): ${skipped.length} part(s) skipped, see above`);
}
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
if (total.passed === 0) console.log("no test passed");
const ok = total.failed === 0 && problems.length === 0 && total.passed > 0 && !(ci && skipped.length > 0);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
