import { describe, it } from "vitest";
import { databaseTargets, type TestDatabaseBackend } from "./databases";

/**
 * describe.each over the database backends: one block per backend that can run, and a
 * visibly skipped block (the reason in its name) for each one that cannot.
 */
export function describeEachBackend(title: string, body: (backend: TestDatabaseBackend) => void): void {
  for (const backend of databaseTargets()) {
    if (backend.skipReason) {
      describe.skip(`${title} on ${backend.label} (skipped: ${backend.skipReason})`, () => {
        it(`needs ${backend.label}`, () => undefined);
      });
    } else {
      describe(`${title} on ${backend.label}`, () => body(backend));
    }
  }
}
