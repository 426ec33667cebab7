/**
 * Nothing overlaps anything: on every live page, at desktop (1366 px) and phone (390 px)
 * width, every visible link, button and field can be clicked - no sticky map, header or
 * overflowing panel sits on top of it. Demo tests call coveredControls() again after the
 * interactions that reveal more controls.
 */
import { describe, expect, inject, it } from "vitest";
import { demos } from "@/lib/demos";
import { newPageCollectingErrors, useChromium } from "./chromium";
import { coveredControls } from "./clickable";

const baseURL = inject("baseURL");
const browser = useChromium();
const paths = ["/", ...demos.filter((d) => d.live).map((d) => `/${d.slug}`)];

describe.each([
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
])("at $width px", (viewport) => {
  it.each(paths)("every visible control of %s can be clicked", async (pathname) => {
    const { page } = await newPageCollectingErrors(browser(), viewport);
    await page.goto(`${baseURL}${pathname}`, { waitUntil: "networkidle" });
    const covered = await coveredControls(page);
    expect(covered.map((c) => `${c.control} is under ${c.hits}`)).toEqual([]);
  });
});
