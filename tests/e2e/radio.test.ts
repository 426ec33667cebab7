/**
 * Song radio in Chromium against the built app, as a first-time visitor uses it: search a
 * song, add two seeds, get a station, "not this", "more like this", Back, export M3U,
 * reload a shared link (a stale id in it dropped), a search that finds nothing, phone width.
 *
 * Set SCREENSHOT_DIR to also save screenshots at 1366 and 390 px.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { radioSongsFileSchema, type RadioSong } from "@/lib/radio/core/data-schema";
import { newPageCollectingErrors, useChromium } from "./chromium";

const baseURL = inject("baseURL");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const browser = useChromium();
let songs: RadioSong[];

beforeAll(() => {
  // The catalogue the server seeds: the test picks well-known songs from it rather than hard-coding ids.
  songs = radioSongsFileSchema.parse(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../data/radio/songs.json"), "utf8"))).songs;
});

/** A popular song with a distinctive title (several words, unique among the catalogue's titles). */
function distinctiveSong(skip = 0): RadioSong {
  const titleCount = new Map<string, number>();
  for (const s of songs) titleCount.set(s.title.toLowerCase(), (titleCount.get(s.title.toLowerCase()) ?? 0) + 1);
  const found = songs.filter((s) => s.artist && titleCount.get(s.title.toLowerCase()) === 1 && /^[\w' ]+$/.test(s.title) && s.title.split(" ").length >= 2);
  return found[skip];
}

const stationRows = (page: Page) => page.locator('[data-testid="radio-station"] > li');
const stationIds = async (page: Page) => (await stationRows(page).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-song-id")))));
const seedIdsInUrl = (page: Page) => new URL(page.url()).searchParams.getAll("seed").map(Number);

async function addSeed(page: Page, song: RadioSong) {
  const box = page.getByTestId("radio-search");
  await box.fill(`${song.title} ${song.artist.split(" ")[0]}`);
  const option = page.getByTestId("radio-suggestions").getByRole("option").filter({ hasText: song.title }).first();
  await option.waitFor();
  await option.click();
  await page.locator(`[data-testid="radio-seeds"] [data-song-id="${song.id}"]`).waitFor();
}

async function waitForStation(page: Page, length: number) {
  await expect.poll(async () => (await stationRows(page).count()) === length && !(await page.locator(".rd-result.loading").count()), { timeout: 20_000 }).toBe(true);
}

describe("song radio page", () => {
  it("builds a station from two searched seeds; not this, more like this, Back and M3U export work", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 1366, height: 900 });
    await page.goto(`${baseURL}/radio`);
    await page.locator(".rd-starters button").first().waitFor();
    const first = distinctiveSong(0);
    const second = distinctiveSong(1);

    await addSeed(page, first);
    await waitForStation(page, 25);
    expect(seedIdsInUrl(page)).toEqual([first.id]);
    await addSeed(page, second);
    await expect.poll(() => seedIdsInUrl(page)).toEqual([first.id, second.id]);
    await waitForStation(page, 25);
    const ids = await stationIds(page);
    expect(ids).not.toContain(first.id);
    expect(ids).not.toContain(second.id);
    // At most two songs per artist by default.
    const artists = await stationRows(page).locator(".rd-artist").allTextContents();
    const counts = new Map<string, number>();
    for (const a of artists) counts.set(a, (counts.get(a) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "radio-1366.png"), fullPage: true });

    // "Not this" drops the song and keeps it out.
    const dropped = ids[0];
    await stationRows(page).first().getByRole("button", { name: /^Not / }).click();
    await expect.poll(async () => (await stationIds(page)).includes(dropped), { timeout: 20_000 }).toBe(false);
    await waitForStation(page, 25);
    expect(new URL(page.url()).searchParams.getAll("avoid").map(Number)).toEqual([dropped]);

    // Export M3U: one #EXTINF per song, in the order shown.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-m3u").click()]);
    const m3u = fs.readFileSync((await download.path())!, "utf8");
    expect(m3u.startsWith("#EXTM3U\n")).toBe(true);
    expect(m3u.match(/^#EXTINF:-1,/gm)).toHaveLength(25);
    const firstTitle = (await stationRows(page).first().locator(".rd-title").textContent())!;
    expect(m3u.split("\n")[2]).toContain(firstTitle);

    // "More like this" starts a new station from that song; Back returns to the two seeds.
    const next = (await stationIds(page))[3];
    await stationRows(page).nth(3).getByRole("button", { name: /^More like/ }).click();
    await expect.poll(() => seedIdsInUrl(page)).toEqual([next]);
    await waitForStation(page, 25);
    expect(await stationIds(page)).not.toContain(next);
    await page.goBack();
    await expect.poll(() => seedIdsInUrl(page)).toEqual([first.id, second.id]);
    await page.locator(`[data-testid="radio-seeds"] [data-song-id="${second.id}"]`).waitFor();
  });

  it("rebuilds a shared station on reload, drops a stale id, and says when a search finds nothing", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 1366, height: 900 });
    const seed = distinctiveSong(2);
    await page.goto(`${baseURL}/radio?seed=${seed.id}&seed=999999999&length=10`);
    await waitForStation(page, 10);
    expect(await page.locator('[data-testid="radio-seeds"] .rd-chip.seed').count()).toBe(1);
    const before = await stationIds(page);
    await page.reload();
    await waitForStation(page, 10);
    expect(await stationIds(page)).toEqual(before);

    await page.getByTestId("radio-search").fill("qzxjv wkpq");
    await page.getByText('No song or artist matches "qzxjv wkpq".').waitFor();
  });

  it("fits a phone: no sideways scrolling, seeds, station and map on one column", async () => {
    const { page } = await newPageCollectingErrors(browser(), { width: 390, height: 844 });
    const seed = distinctiveSong(0);
    await page.goto(`${baseURL}/radio?seed=${seed.id}`);
    await waitForStation(page, 25);
    await page.getByTestId("radio-map").waitFor();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // Every action button of the first row is on screen and clickable (nothing covers it).
    const button = stationRows(page).first().getByRole("button", { name: /^More like/ });
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await button.click({ trial: true });
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "radio-390.png"), fullPage: true });
  });
});
