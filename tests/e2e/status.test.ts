import { describe, expect, inject, it } from "vitest";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const chromium = useChromium();

describe("system check page", () => {
  it("shows the database and runs TensorFlow.js in a web worker, reporting its backend", async () => {
    const { page, errors } = await newPageCollectingErrors(chromium());
    await page.goto(`${baseURL}/status`);
    await expect(page.getByTestId("db-backend").textContent()).resolves.toMatch(/PGlite|PostgreSQL/);
    const backend = page.getByTestId("tf-backend");
    await backend.waitFor({ timeout: 60_000 });
    // Headless Chromium without a GPU may or may not offer WebGL; either way a backend must run.
    expect(["webgl", "wasm", "cpu"]).toContain(await backend.textContent());
    expect(errors).toEqual([]);
    await page.close();
  });
});
