// A vitest reporter for scripts/test.mjs: counts tests (passed / failed / skipped) and,
// separately, the suites that failed to run - a test file that did not load, a failing
// beforeAll/afterAll (whose tests vitest then reports as skipped, not failed) - and the
// unhandled errors. Writes them as JSON to the file named by TEST_SUMMARY_FILE.
import fs from "node:fs";
import path from "node:path";

const firstLine = (error) => String(error?.message ?? error ?? "").split("\n")[0].slice(0, 300);

export default class TestSummaryReporter {
  onTestRunEnd(testModules, unhandledErrors = []) {
    const out = process.env.TEST_SUMMARY_FILE;
    if (!out) return;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failedSuites = [];
    const walk = (task, file, trail) => {
      if (task.type === "test") {
        const state = task.result?.state;
        if (state === "pass") counts.passed++;
        else if (state === "fail") counts.failed++;
        else counts.skipped++; // skip, todo, or never run
        return;
      }
      const name = task.type === "suite" && task.name && task !== file ? [...trail, task.name] : trail;
      const errors = task.result?.errors ?? [];
      if (task.result?.state === "fail" && errors.length > 0) {
        failedSuites.push({ file: path.relative(process.cwd(), file.filepath), suite: name.join(" > "), error: firstLine(errors[0]) });
      }
      for (const child of task.tasks ?? []) walk(child, file, name);
    };
    for (const testModule of testModules) walk(testModule.task, testModule.task, []);
    const summary = { ...counts, failedSuites, unhandledErrors: unhandledErrors.map(firstLine) };
    fs.writeFileSync(out, JSON.stringify(summary));
  }
}
