/**
 * The movie recommender in Chromium against the built app: search with autocomplete,
 * the similar list, the poster map flying to the picked film and selecting a film by a
 * click on its poster, "your taste", the API's errors, and phone width.
 *
 * Set SCREENSHOT_DIR to also save screenshots of the page at 1280 and 390 px.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { mapResponseSchema, searchResponseSchema, similarResponseSchema, tasteResponseSchema, type MapResponse } from "@/lib/movies/core/api-schema";
import { launchChromium, newPageCollectingErrors } from "./chromium";

const baseURL = inject("baseURL");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
let browser: Browser;
let map: MapResponse;

beforeAll(async () => {
  browser = await launchChromium();
  map = mapResponseSchema.parse(await (await fetch(`${baseURL}/api/movies/map`)).json());
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPageCollectingErrors(browser, viewport);
  await page.goto(`${baseURL}/movies`);
  await page.locator('[data-testid="movie-map"][data-ready="true"]').waitFor({ timeout: 60_000 });
  return { page, errors };
}

const cellOf = (title: string) => {
  const i = map.titles.indexOf(title);
  expect(i, title).toBeGreaterThanOrEqual(0);
  return { gx: map.gridX[i], gy: map.gridY[i] };
};

async function waitForFlight(page: Page, title: string) {
  await page.locator(`[data-testid="movie-map"][data-selected="${title.replace(/"/g, '\\"')}"][data-flying="false"]`).waitFor({ timeout: 20_000 });
}

async function mapState(page: Page) {
  return page.getByTestId("movie-map").evaluate((el) => {
    const e = el as HTMLElement;
    const [x, y, k] = (e.dataset.transform ?? "").split(",").map(Number);
    const [cx, cy] = (e.dataset.centerCell ?? "").split(",").map(Number);
    return { x, y, k, cx, cy, selected: e.dataset.selected ?? "", level: e.dataset.level ?? "" };
  });
}

describe("movie recommender page", () => {
  it("searches with autocomplete, shows the picked film with similar films, and flies the map there", async () => {
    const { page, errors } = await openPage();
    const before = await mapState(page);
    expect(before.level).toBe("overview");
    await page.getByTestId("movie-search").fill("harry pot");
    const suggestions = page.getByTestId("movie-suggestions").locator("li");
    await suggestions.first().waitFor();
    const titles = await suggestions.evaluateAll((els) => els.map((e) => e.getAttribute("data-title")));
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.every((t) => t!.startsWith("Harry Potter"))).toBe(true);
    // Down twice, then Enter: the second suggestion.
    await page.getByTestId("movie-search").press("ArrowDown");
    await page.getByTestId("movie-search").press("ArrowDown");
    await page.getByTestId("movie-search").press("Enter");
    const picked = titles[1]!;
    await page.locator(`[data-testid="movie-card"][data-title="${picked}"]`).waitFor();
    const similar = page.getByTestId("similar-list").locator("li");
    await expect(similar.count()).resolves.toBe(10);
    const similarTitles = await similar.evaluateAll((els) => els.map((e) => e.getAttribute("data-title")!));
    expect(similarTitles.filter((t) => t.startsWith("Harry Potter")).length).toBeGreaterThanOrEqual(4);
    // Other matches of the typed text are offered.
    await expect(page.getByTestId("movie-others").locator("button").count()).resolves.toBeGreaterThan(0);

    await waitForFlight(page, picked);
    const after = await mapState(page);
    const { gx, gy } = cellOf(picked);
    expect(after.k).toBeGreaterThan(before.k * 5);
    expect(Math.abs(after.cx - gx)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.cy - gy)).toBeLessThanOrEqual(1);
    expect(after.level).toBe("cards");

    // A click on a neighbouring poster selects that film.
    const [cw, ch] = (await page.getByTestId("movie-map").getAttribute("data-cell-size"))!.split(",").map(Number);
    const neighbourIndex = map.gridX.findIndex((x, i) => Math.abs(x - gx) + Math.abs(map.gridY[i] - gy) === 1);
    expect(neighbourIndex).toBeGreaterThanOrEqual(0);
    const box = (await page.locator(".mv-canvas").boundingBox())!;
    await page.mouse.click(
      box.x + after.x + (map.gridX[neighbourIndex] + 0.5) * cw * after.k,
      box.y + after.y + (map.gridY[neighbourIndex] + 0.5) * ch * after.k,
    );
    const neighbour = map.titles[neighbourIndex];
    await page.locator(`[data-testid="movie-card"][data-title="${neighbour.replace(/"/g, '\\"')}"]`).waitFor();
    await waitForFlight(page, neighbour);

    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "movies-1280.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("picks the best match with Enter and a suggestion with a click", async () => {
    const { page, errors } = await openPage();
    const input = page.getByTestId("movie-search");
    await input.fill("the godfather");
    await input.press("Enter");
    await page.locator('[data-testid="movie-card"][data-title="The Godfather"]').waitFor();
    await input.fill("toy sto");
    const first = page.getByTestId("movie-suggestions").locator("li").first();
    await first.waitFor();
    const title = (await first.getAttribute("data-title"))!;
    await first.click();
    await page.locator(`[data-testid="movie-card"][data-title="${title}"]`).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("learns your taste from two liked films", async () => {
    const { page, errors } = await openPage();
    const input = page.getByTestId("movie-search");
    for (const film of ["Toy Story", "Finding Nemo"]) {
      await input.fill(film);
      await input.press("Enter");
      await page.locator(`[data-testid="movie-card"][data-title="${film}"]`).waitFor();
      await page.getByTestId("like").click();
    }
    await expect(page.getByTestId("liked-list").locator("li").count()).resolves.toBe(2);
    const best = page.getByTestId("taste-best").locator("li");
    await best.first().waitFor({ timeout: 20_000 });
    await expect(best.count()).resolves.toBe(10);
    const bestTitles = await best.evaluateAll((els) => els.map((e) => e.getAttribute("data-title")));
    expect(bestTitles).not.toContain("Toy Story");
    await expect(page.getByTestId("taste-worst").locator("li").count()).resolves.toBe(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a phone: no horizontal overflow, the map fills the width", async () => {
    const { page, errors } = await openPage({ width: 390, height: 844 });
    const input = page.getByTestId("movie-search");
    await input.fill("back to the future");
    await input.press("Enter");
    await page.locator('[data-testid="movie-card"][data-title="Back to the Future"]').waitFor();
    await waitForFlight(page, "Back to the Future");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    const canvas = (await page.locator(".mv-canvas").boundingBox())!;
    expect(canvas.width).toBeGreaterThan(330);
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(390);
    // Poster images from Wikimedia: offline here, so every load fails - silently, the drawn cards stay.
    const thumbs = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/movies/thumbnails");
    await page.getByTestId("show-posters").check();
    expect((await thumbs).status()).toBe(200);
    await page.waitForTimeout(1500);
    await expect(page.locator(".mv-poster").count()).resolves.toBe(1);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "movies-390.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("movie recommender API", () => {
  const api = (p: string, init?: RequestInit) => fetch(`${baseURL}/api/movies/${p}`, init);

  it("answers search, similar, taste and map", async () => {
    const search = searchResponseSchema.parse(await (await api("search?q=star%20wars")).json());
    expect(search.results.length).toBeGreaterThan(0);
    expect(search.results.length).toBeLessThanOrEqual(7);
    const similar = similarResponseSchema.parse(await (await api("similar?title=Toy%20Story&k=10")).json());
    expect(similar.movie.title).toBe("Toy Story");
    expect(similar.similar).toHaveLength(10);
    const taste = tasteResponseSchema.parse(
      await (await api("taste", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ liked: ["Toy Story"] }) })).json(),
    );
    expect(taste.best.length).toBeGreaterThan(0);
    const mapRes = await api("map");
    expect(mapRes.headers.get("etag")).toBeTruthy();
    expect(mapRes.headers.get("cache-control")).toContain("max-age");
    const notModified = await api("map", { headers: { "if-none-match": mapRes.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
  });

  it("answers 404 with suggestions for an unknown title and 400 for bad input", async () => {
    const unknown = await api("similar?title=Toy%20Storey");
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(body.error.code).toBe("unknown_title");
    expect(body.error.details.suggestions[0].title).toMatch(/^Toy Story/);
    for (const p of ["similar?title=Toy%20Story&k=0", "similar?title=Toy%20Story&k=500", "similar", "search", "search?q="]) {
      const res = await api(p);
      expect(res.status, p).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_query");
    }
    const post = (body: unknown) => api("taste", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const noLikes = await post({ liked: [] });
    expect(noLikes.status).toBe(400);
    const unknownTitles = await post({ liked: ["Toy Story", "Not A Film At All"] });
    expect(unknownTitles.status).toBe(400);
    const err = await unknownTitles.json();
    expect(err.error.code).toBe("unknown_titles");
    expect(err.error.message).toContain("Not A Film At All");
  });
});
