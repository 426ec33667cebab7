/**
 * Learning to draw in Chromium against the built app: the loss curves are there; a bad seed
 * is refused with a message; 150 icons are drawn in the page's worker (each in colour, the
 * rejected count shown); a stela of generated glyphs is carved. One page, reused.
 *
 * Set SCREENSHOT_DIR to also save screenshots of the page at 1366 and 390 px.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { Locator } from "playwright-core";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const browser = useChromium();

/** Non-white pixels and distinct colours on a canvas. */
async function canvasInk(canvas: Locator): Promise<{ ink: number; colours: number; width: number }> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240) continue;
      ink++;
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return { ink, colours: colours.size, width: c.width };
  });
}

describe("/draw", () => {
  it("draws icons and carves a stela in the page's worker", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 390, height: 844 });
    await page.goto(`${baseURL}/draw`);
    await expect(page.getByRole("img", { name: /loss curves/i }).count()).resolves.toBe(1);
    // the measured quality of each trained model's samples, next to its data's
    await expect(page.getByTestId("draw-quality").locator("tbody tr").count()).resolves.toBe(3);
    await expect(page.getByTestId("draw-quality").locator('tr[data-model="glyphs"]').innerText()).resolves.toMatch(/\d+(\.\d)?% \/ \d+(\.\d)?%/);

    // a wrong seed is refused before anything runs
    await page.locator("#icons-seed").fill("abc");
    await page.getByRole("button", { name: "Draw 150 icons" }).click();
    await page.getByRole("alert").filter({ hasText: /seed must be a whole number/ }).waitFor();

    await page.locator("#icons-seed").fill("3");
    await page.getByRole("button", { name: "Draw 150 icons" }).click();
    const stats = page.getByTestId("icon-stats");
    await stats.waitFor({ timeout: 120_000 });
    expect(await stats.textContent()).toMatch(/^150 icons from icons8, \d+ invalid samples rejected/);
    const grid = await canvasInk(page.getByTestId("icon-grid"));
    expect(grid.ink).toBeGreaterThan(150 * 4 * 16); // each icon has ink (8x8 pixels drawn 4x4 px)
    expect(grid.colours).toBeGreaterThan(20); // each icon in its own colour

    await page.getByRole("button", { name: "Carve a stela" }).click();
    await page.getByTestId("glyph-stats").waitFor({ timeout: 180_000 });
    const stela = await canvasInk(page.getByTestId("stela"));
    expect(stela.width).toBeGreaterThan(100);
    expect(stela.ink).toBeGreaterThan(stela.width * 50); // sandstone everywhere, not a white canvas
    expect(await page.getByTestId("glyph-grid").locator("canvas").count()).toBeGreaterThan(10);

    if (SCREENSHOT_DIR) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.getByTestId("glyph-grid").locator("figcaption").filter({ hasText: /%/ }).first().waitFor({ timeout: 120_000 });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, "draw-390.png"), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, "draw-1366.png"), fullPage: true });
    }
  });
});
