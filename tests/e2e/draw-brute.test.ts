/**
 * /draw, brute-force part, in Chromium against the built app: the gallery shows icons
 * grouped by label, searching narrows the labels and opening one lists its icons, and the
 * live mode classifies a slice in the web worker with a moving progress bar.
 *
 * Set SCREENSHOT_DIR to also save screenshots of the section at 1366 and 390 px.
 */
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const browser = useChromium();

describe("/draw brute force", () => {
  it("shows the gallery, finds a label, and runs a live slice with progress", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 1366, height: 900 });
    await page.goto(`${baseURL}/draw`);
    const groups = page.locator('section[aria-label^="Icons labelled"]');
    await groups.first().waitFor();
    expect(await groups.first().locator("svg").count()).toBeGreaterThan(0);
    const framed = page.getByLabel("7x7 finds");
    await framed.waitFor();
    expect(await framed.locator("svg").count()).toBeGreaterThan(0);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "draw-brute-1366.png"), fullPage: true });

    // search: every chip left contains the text; Enter opens the first label's icons
    const chips = page.getByRole("list", { name: "Labels" }).getByRole("button");
    const before = await chips.count();
    await page.getByLabel("Find a label").fill("clock");
    await expect.poll(() => chips.count()).toBeLessThan(before);
    const titles = await chips.evaluateAll((els) => els.map((e) => e.getAttribute("title") ?? ""));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.toLowerCase().includes("clock"))).toBe(true);
    await page.getByLabel("Find a label").press("Enter");
    const opened = page.locator(`section[aria-label="Icons labelled ${titles[0]}"]`);
    await opened.waitFor();
    expect(await opened.locator("svg").count()).toBeGreaterThan(0);
    // the overview's groups give way to the opened label once its page has arrived
    await expect.poll(() => groups.count()).toBe(1);

    // live: a slice in the worker (the largest, so it is still running when stopped), progress moves
    await page.getByLabel("How many").selectOption("4096");
    await page.getByRole("button", { name: /^Run images/ }).click();
    const bar = page.getByRole("progressbar", { name: "Images classified" });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 90_000 }).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByText(/^Stopped;/).waitFor();

    if (SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, "draw-brute-390.png"), fullPage: true });
    }
  }, 120_000);
});
