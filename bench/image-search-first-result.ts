/**
 * `npm run bench -- image-search-first-result [--rounds 3]`: time to the first result on a
 * cold /image-search page in headless Chromium against the built app, with the server-first
 * path (default: a photo chosen before the browser's engine is ready is searched by the
 * server) and without it (`?serverFirst=0`: the page waits for its own engine). Each round
 * is a fresh browser context (empty HTTP and Cache API caches). Prints medians from opening
 * the page and from choosing the photo, as ratios to the server-first path in the same run.
 */
import path from "node:path";
import { chromium } from "playwright-core";
import { findChromium } from "@/scripts/find-chromium.mjs";
import { flagOr } from "@/scripts/cli-flags";
import { startBuiltApp } from "../tests/helpers/app-server";

const PHOTO = path.resolve("tests/fixtures/images/dalmatian-image_0006.jpg");
const MODES = [
  { name: "server first (default)", query: "" },
  { name: "browser only (?serverFirst=0)", query: "?serverFirst=0" },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function main(args: string[]): Promise<void> {
  const rounds = Number(flagOr(args, "rounds", "3"));
  const found = findChromium();
  if (!found.path) {
    console.log(`skipped: ${found.why}`);
    return;
  }
  const app = await startBuiltApp();
  const browser = await chromium.launch({ executablePath: found.path, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  const results = new Map<string, { fromOpen: number[]; fromPhoto: number[]; ways: string[] }>();
  try {
    for (let round = 0; round < rounds; round++) {
      // alternate the order so neither mode always runs on a warmer server
      for (const mode of round % 2 ? [...MODES].reverse() : MODES) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const opened = performance.now();
        await page.goto(`${app.baseURL}/image-search${mode.query}`);
        await page.locator('.img-search[data-interactive="true"]').waitFor({ timeout: 60_000 });
        const chosen = performance.now();
        await page.getByTestId("file-input").setInputFiles(PHOTO);
        await page.getByTestId("verdict").waitFor({ timeout: 120_000 });
        const done = performance.now();
        const way = (await page.locator(".img-labels").getAttribute("data-embedded-on")) ?? "?";
        const r = results.get(mode.name) ?? { fromOpen: [], fromPhoto: [], ways: [] };
        r.fromOpen.push(done - opened);
        r.fromPhoto.push(done - chosen);
        r.ways.push(way);
        results.set(mode.name, r);
        console.log(`round ${round + 1} ${mode.name}: ${((done - opened) / 1000).toFixed(2)} s from opening, ${((done - chosen) / 1000).toFixed(2)} s from the photo (embedded on the ${way})`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  const base = results.get(MODES[0].name)!;
  console.log(`\ntime to first result, cold page, median of ${rounds}; ratio to ${MODES[0].name}`);
  console.log(`${"mode".padEnd(32)}${"from opening".padStart(16)}${"ratio".padStart(8)}${"from photo".padStart(14)}${"ratio".padStart(8)}  embedded on`);
  for (const mode of MODES) {
    const r = results.get(mode.name)!;
    const o = median(r.fromOpen), p = median(r.fromPhoto);
    console.log(
      `${mode.name.padEnd(32)}${`${(o / 1000).toFixed(2)} s`.padStart(16)}${(o / median(base.fromOpen)).toFixed(2).padStart(8)}` +
        `${`${(p / 1000).toFixed(2)} s`.padStart(14)}${(p / median(base.fromPhoto)).toFixed(2).padStart(8)}  ${r.ways.join(", ")}`,
    );
  }
}
