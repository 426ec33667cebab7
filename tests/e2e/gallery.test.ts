import { describe, expect, inject, it } from "vitest";
import { demos } from "@/lib/demos";
import { newPageCollectingErrors, useChromium } from "./chromium";
import { coveredControls } from "./clickable";

const baseURL = inject("baseURL");
const chromium = useChromium();

describe("gallery", () => {
  it("shows all seven demos, links the live ones and marks the others as coming", async () => {
    const { page, errors } = await newPageCollectingErrors(chromium());
    await page.goto(baseURL);
    await expect(page.locator(".demo-card").count()).resolves.toBe(7);
    for (const demo of demos) {
      const card = page.locator(`[data-demo="${demo.slug}"]`);
      await expect(card.locator("h2").textContent()).resolves.toBe(demo.title);
      await expect(card.locator("svg").count()).resolves.toBe(1);
      const tag = await card.evaluate((el) => el.tagName.toLowerCase());
      expect(tag).toBe(demo.live ? "a" : "article");
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  // Nothing overlaps anything: every visible link, button and field of each page can be
  // clicked (no sticky map or header on top of it), at desktop and phone width. Demo tests
  // check again after the interactions that reveal more controls.
  it("follows a link to each live demo, sees its page render, and can click every visible control at 1366 px", async () => {
    for (const [i, demo] of demos.filter((d) => d.live).entries()) {
      const { page } = await newPageCollectingErrors(chromium(), { width: 1366, height: 900 });
      await page.goto(baseURL);
      if (i === 0) expect((await coveredControls(page)).map((c) => `/: ${c.control} is under ${c.hits}`)).toEqual([]);
      await page.click(`[data-demo="${demo.slug}"]`);
      await page.waitForURL(`${baseURL}/${demo.slug}`);
      await expect(page.locator("h1").first().textContent()).resolves.toContain(demo.title);
      await page.waitForLoadState("networkidle");
      expect((await coveredControls(page)).map((c) => `/${demo.slug}: ${c.control} is under ${c.hits}`)).toEqual([]);
      await page.close();
    }
  });

  it.each(["/", ...demos.filter((d) => d.live).map((d) => `/${d.slug}`)])("can click every visible control of %s on a 390 px phone", async (pathname) => {
    const { page } = await newPageCollectingErrors(chromium(), { width: 390, height: 844 });
    await page.goto(`${baseURL}${pathname}`, { waitUntil: "networkidle" });
    expect((await coveredControls(page)).map((c) => `${c.control} is under ${c.hits}`)).toEqual([]);
    await page.close();
  });

  it("lays the gallery out in one column on a phone", async () => {
    const { page } = await newPageCollectingErrors(chromium(), { width: 390, height: 844 });
    await page.goto(baseURL);
    const boxes = await page.locator(".demo-card").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    expect(new Set(boxes.map(Math.round)).size).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.close();
  });

  it("answers an unknown page with 404 and an unknown API route with the JSON error shape", async () => {
    const page = await fetch(`${baseURL}/no-such-demo`);
    expect(page.status).toBe(404);
    const api = await fetch(`${baseURL}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: "unknown_route", message: expect.stringContaining("/api/no-such-route") } });
    const health = await fetch(`${baseURL}/api/health`);
    expect(health.status).toBe(200);
    const body = await health.json();
    expect(body.migrations.length).toBeGreaterThan(0);
    const icon = await fetch(`${baseURL}/icon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("svg");
  });
});
