import { describe, expect, inject, it } from "vitest";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const chromium = useChromium();

describe("system check page", () => {
  it("shows the database and runs TensorFlow.js in a web worker, reporting its backend", async () => {
    const { page, errors } = await newPageCollectingErrors(chromium());
    await page.goto(`${baseURL}/status`);
    await expect(page.getByTestId("db-backend").textContent()).resolves.toMatch(/PGlite|PostgreSQL/);
    // The image-vector engines: ONNX Runtime in the browser worker and for uploads (issue 14).
    await expect(page.getByTestId("embed-browser").textContent()).resolves.toMatch(/^ort-wasm /);
    await expect(page.getByTestId("embed-server").textContent()).resolves.toMatch(/^ort-wasm/);
    const backend = page.getByTestId("tf-backend");
    await backend.waitFor({ timeout: 60_000 });
    // Headless Chromium without a GPU may or may not offer WebGL; either way a backend must run.
    expect(["webgl", "wasm", "cpu"]).toContain(await backend.textContent());
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a 390 px phone: long migration names wrap instead of widening the page", async () => {
    const { page } = await newPageCollectingErrors(chromium(), { width: 390, height: 844 });
    await page.goto(`${baseURL}/status`);
    await page.getByTestId("db-backend").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
