import { describe, expect, inject, it } from "vitest";
import { demos } from "@/lib/demos";
import { newPageCollectingErrors, useChromium } from "./chromium";

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

  it("follows a link to each live demo and sees its page render", async () => {
    const live = demos.filter((d) => d.live);
    for (const demo of live) {
      const { page } = await newPageCollectingErrors(chromium());
      await page.goto(baseURL);
      await page.click(`[data-demo="${demo.slug}"]`);
      await page.waitForURL(`${baseURL}/${demo.slug}`);
      await expect(page.locator("h1").first().textContent()).resolves.toContain(demo.title);
      await page.close();
    }
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
