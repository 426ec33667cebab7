import type { TestProject } from "vitest/node";
import { startBuiltApp } from "../helpers/app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * Builds the app if needed and starts it as `npm start` would, on a fresh data directory,
 * so the first-start migration and seeding are part of what the e2e tests exercise.
 * Uses DATABASE_URL when set (CI), the embedded database otherwise.
 */
export default async function setup(project: TestProject) {
  const app = await startBuiltApp();
  project.provide("baseURL", app.baseURL);
  return () => app.stop();
}
