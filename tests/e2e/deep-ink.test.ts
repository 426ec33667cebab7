/**
 * Deep Ink in Chromium against the built app: the page draws in its web worker (WebGL when
 * the browser has it, else the CPU backend), the canvas changes and the activation curve
 * rises; pause / resume; bad options are refused with a message; the GIF download decodes
 * to one frame per step plus the start; the precomputed gallery shows; phone width.
 *
 * Set SCREENSHOT_DIR to also save screenshots of the page at 1366 and 390 px.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const browser = useChromium();

async function openPage(viewport = { width: 1366, height: 900 }) {
  const checked = await newPageCollectingErrors(browser(), viewport);
  await checked.page.goto(`${baseURL}/deep-ink`);
  await checked.page.locator('[data-testid="draw"]:not([disabled])').waitFor();
  return checked;
}

async function setField(page: Page, name: string, value: string) {
  const field = page.locator(`[name="${name}"]`);
  if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
  else await field.fill(value);
}

async function canvasInk(page: Page): Promise<number> {
  return page.locator("canvas.ink-canvas").evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let black = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128) black++;
    return black;
  });
}

async function canvasBits(page: Page): Promise<string> {
  return page.locator("canvas.ink-canvas").evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let s = "";
    for (let i = 0; i < d.length; i += 4) s += d[i] < 128 ? "1" : "0";
    return s;
  });
}

describe("/deep-ink", () => {
  it("draws a few steps live: the canvas changes and the activation rises; the GIF has one frame per step", async () => {
    const { page } = await openPage();
    // the precomputed gallery is there before anything runs
    expect(await page.getByTestId("precomputed-gallery").locator("img").count()).toBeGreaterThanOrEqual(1);

    await setField(page, "layer", "conv_pw_3_relu");
    await setField(page, "channel", "10");
    await setField(page, "size", "64");
    await setField(page, "steps", "6");
    await setField(page, "flipsPerStep", "16");
    await page.getByTestId("draw").click();
    const status = page.getByTestId("ink-status");
    await status.waitFor();
    // the start frame is drawn at once
    await page.waitForFunction(() => document.querySelector("canvas.ink-canvas")?.getAttribute("width") === "64");
    const start = await canvasBits(page);
    expect(start).toContain("1");
    await page.locator('[data-testid="ink-status"][data-phase="done"]').waitFor({ timeout: 180_000 });
    expect(await status.getAttribute("data-steps")).toBe("6");
    expect(await status.textContent()).toMatch(/conv_pw_3_relu #10 · step 6 of 6 · finished · (webgl|cpu)/);
    const end = await canvasBits(page);
    expect(end).not.toBe(start);
    expect(await canvasInk(page)).toBeGreaterThan(0);

    const curve = page.getByTestId("activation-curve");
    expect(await curve.getAttribute("data-points")).toBe("6");
    const first = Number(await curve.getAttribute("data-first"));
    const last = Number(await curve.getAttribute("data-last"));
    expect(last).toBeGreaterThan(first);

    // the finished drawing joins the gallery
    expect(await page.getByTestId("finished-gallery").locator("li").count()).toBe(1);

    const download = page.waitForEvent("download");
    await page.getByTestId("download-gif").click();
    const file = await (await download).path();
    const meta = await sharp(fs.readFileSync(file!), { animated: true }).metadata();
    expect(meta.format).toBe("gif");
    expect(meta.pages).toBe(7);

    const png = page.waitForEvent("download");
    await page.getByTestId("download-png").click();
    const pngMeta = await sharp(fs.readFileSync((await (await png).path())!)).metadata();
    expect(pngMeta.format).toBe("png");
    await page.close();
  }, 300_000);

  it("pauses and resumes a drawing", async () => {
    const { page } = await openPage();
    await setField(page, "layer", "conv_pw_2_relu");
    await setField(page, "channel", "5");
    await setField(page, "size", "64");
    await setField(page, "steps", "400");
    await page.getByTestId("draw").click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="ink-status"]')?.getAttribute("data-steps")) >= 2, null, { timeout: 180_000 });
    await page.getByTestId("pause").click();
    await page.locator('[data-testid="ink-status"][data-phase="paused"]').waitFor();
    const paused = Number(await page.getByTestId("ink-status").getAttribute("data-steps"));
    await page.waitForTimeout(1500);
    expect(Number(await page.getByTestId("ink-status").getAttribute("data-steps"))).toBe(paused);
    await page.getByTestId("resume").click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="ink-status"]')?.getAttribute("data-steps")) > n, paused, { timeout: 120_000 });
    await page.getByTestId("stop").click();
    await page.locator('[data-testid="ink-status"][data-phase="done"]').waitFor();
    expect(await page.getByTestId("finished-gallery").locator("li").count()).toBe(1);
    await page.close();
  }, 300_000);

  it("shows what each channel of a layer draws; a thumbnail picks its channel", async () => {
    const { page } = await openPage();
    await setField(page, "layer", "conv_pw_2_relu");
    await page.getByTestId("show-channels").click();
    const strip = page.getByTestId("channel-strip");
    await strip.locator("li").nth(1).waitFor({ timeout: 180_000 });
    // a thumbnail is a small drawing that grew from the blob
    const ink = await strip.locator("canvas").first().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let black = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 128) black++;
      return black;
    });
    expect(ink).toBeGreaterThan(0);
    await strip.locator("li button").nth(1).click();
    expect(await page.locator('[name="channel"]').inputValue()).toBe("1");
    // another layer: the strip starts afresh (the running thumbnails job is cancelled)
    await setField(page, "layer", "conv_pw_4_relu");
    await expect(page.getByTestId("channel-strip").count()).resolves.toBe(0);
    await page.close();
  }, 300_000);

  it("refuses bad options with a message naming the value, and Draw stays off", async () => {
    const { page } = await openPage();
    await setField(page, "layer", "conv1_relu");
    await setField(page, "channel", "99");
    await expect(page.getByTestId("options-error").textContent()).resolves.toBe("channel 99 is out of range for conv1_relu (24 channels): allowed 0 to 23");
    expect(await page.getByTestId("draw").isDisabled()).toBe(true);
    await setField(page, "layer", "conv_preds");
    await setField(page, "className", "tabby");
    await expect(page.getByTestId("options-error").count()).resolves.toBe(0);
    await setField(page, "className", "zzzz");
    await expect(page.getByTestId("options-error").textContent()).resolves.toMatch(/^class "zzzz" is not an ImageNet class name/);
    await page.close();
  });

  it("fits a phone", async () => {
    const { page } = await openPage({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    if (SCREENSHOT_DIR) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, "deep-ink-390.png"), fullPage: true });
      const wide = await openPage();
      await wide.page.screenshot({ path: path.join(SCREENSHOT_DIR, "deep-ink-1366.png"), fullPage: true });
      await wide.page.close();
    }
    await page.close();
  });
});
