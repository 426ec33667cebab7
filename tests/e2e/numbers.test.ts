import { beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { apiErrorBodySchema } from "@/lib/api/errors";
import {
  distanceResponseSchema,
  languagesResponseSchema,
  pairsResponseSchema,
  treeResponseSchema,
  universalResponseSchema,
} from "@/lib/numbers/core/api-schema";
import type { NumbersTreeNode } from "@/lib/numbers/core/types";
import { newPageCollectingErrors, useChromium, type CheckedPage } from "./chromium";

const baseURL = inject("baseURL");
const browser = useChromium();
let languageNames: string[] = [];

beforeAll(async () => {
  languageNames = languagesResponseSchema.parse(await (await fetch(`${baseURL}/api/numbers/languages`)).json()).map((l) => l.name);
});

async function openPage(viewport = { width: 1280, height: 900 }): Promise<CheckedPage> {
  const checked = await newPageCollectingErrors(browser(), viewport);
  await checked.page.goto(`${baseURL}/numbers`);
  await checked.page.getByTestId("dendrogram").waitFor();
  return checked;
}

const leaves = (node: NumbersTreeNode): string[] => (node.children ? node.children.flatMap(leaves) : node.name ? [node.name] : []);

describe("universal numbers page", () => {
  it("shows the ten universal numbers, each with its language", async () => {
    const { page, errors } = await openPage();
    await expect(page.locator("h1").first().textContent()).resolves.toContain("Universal numbers");
    const cards = page.getByTestId("universal-numbers").locator("li");
    await expect(cards.count()).resolves.toBe(10);
    const first = await cards.first().innerText();
    expect(first).toContain("een");
    expect(first).toContain("Welsh");
    await expect(cards.nth(9).innerText()).resolves.toMatch(/10\s+deh\s+Irish/);
    await expect(page.getByText("Wikivoyage").first().isVisible()).resolves.toBe(true);
    await expect(page.locator(".nums-credit").innerText()).resolves.toContain("CC BY-SA 3.0");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws a 75 x 75 heat map whose cells show the pair and its ten distances on hover", async () => {
    const { page, errors } = await openPage();
    const canvas = page.getByTestId("heatmap");
    await expect(canvas.getAttribute("data-rows")).resolves.toBe("75");
    await expect(canvas.getAttribute("data-cols")).resolves.toBe("75");
    const [cell, left, top] = await Promise.all(["data-cell", "data-left", "data-top"].map(async (a) => Number(await canvas.getAttribute(a))));
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + left + cell * 30.5, box.y + top + cell * 2.5);
    const tooltip = page.getByTestId("heatmap-tooltip");
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    const named = languageNames.filter((name) => text.includes(name));
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/score \d\.\d{3}/);
    await expect(tooltip.locator("tbody tr").count()).resolves.toBe(10);
    // Clicking the cell selects the row's language everywhere: the tree highlights its path.
    const rowLanguage = await tooltip.locator("strong").first().textContent();
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId("dendrogram").locator(".leaf.on-path").getAttribute("data-name")).resolves.toBe(rowLanguage);
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders the tree with 75 leaves, folds and unfolds a branch, and highlights a searched language's path", async () => {
    const { page, errors } = await openPage();
    const tree = page.getByTestId("dendrogram");
    await expect(tree.locator(".leaf").count()).resolves.toBe(75);
    await expect(tree.getAttribute("data-leaves")).resolves.toBe("75");

    // Fold the first branch point below the root (a group of several languages), then unfold it.
    const inner = tree.locator(".inner").nth(1);
    const label = (await inner.getAttribute("aria-label"))!;
    const folded = Number(/of (\d+) languages/.exec(label)![1]);
    expect(folded).toBeGreaterThan(1);
    await inner.locator("circle.hit").dispatchEvent("click");
    await expect(tree.locator(".leaf").count()).resolves.toBe(75 - folded);
    await expect(tree.locator(".inner.collapsed").count()).resolves.toBe(1);
    await tree.locator(".inner.collapsed circle.hit").dispatchEvent("click");
    await expect(tree.locator(".leaf").count()).resolves.toBe(75);

    await page.getByTestId("tree-search").fill("yiddish");
    await expect(tree.locator(".leaf.on-path").getAttribute("data-name")).resolves.toBe("Yiddish");
    expect(await tree.locator(".link.on-path").count()).toBeGreaterThan(2);
    // The selection is shared: the table marks the same language.
    await expect(page.locator("tr.is-selected").getAttribute("data-language")).resolves.toBe("Yiddish");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters the table by search and jumps to a closest language", async () => {
    const { page, errors } = await openPage();
    const rows = page.getByTestId("language-table").locator("tbody tr[data-language]");
    await expect(rows.count()).resolves.toBe(75);
    await page.getByTestId("table-search").fill("portug");
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute("data-language")).resolves.toBe("Portuguese");
    await expect(page.getByTestId("table-count").textContent()).resolves.toBe("1 of 75 languages");

    // Its closest language is filtered out; clicking it clears the search and highlights that row.
    const link = rows.first().getByTestId("closest-link").first();
    const target = (await link.innerText()).replace(/\s+[\d.]+$/, "");
    await link.click();
    await expect(rows.count()).resolves.toBe(75);
    await expect(page.locator("tr.is-selected").getAttribute("data-language")).resolves.toBe(target);

    // Sorting by a column header reorders the rows.
    await page.getByRole("button", { name: /^Language/ }).click();
    await expect(rows.first().getAttribute("data-language")).resolves.toBe([...languageNames].sort((a, b) => b.localeCompare(a, "en", { sensitivity: "base" }))[0]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("updates the playground as you type, with the alignment step by step", async () => {
    const { page, errors } = await openPage();
    const distance = page.getByTestId("playground-distance");
    await expect(distance.textContent()).resolves.toBe("0.7");
    await expect(page.getByTestId("playground-step").count()).resolves.toBe(5);
    await page.getByTestId("playground-a").fill("sieben");
    await page.getByTestId("playground-b").fill("seven");
    await expect(distance.textContent()).resolves.toBe("2");
    await expect(page.locator('[data-testid=playground-step][data-op="substitute"]').innerText()).resolves.toMatch(/b\s+v\s+swap\s+\+1\.8/i);
    await page.getByTestId("playground-b").fill("123");
    await expect(page.getByTestId("playground").innerText()).resolves.toContain('"123" has no letters a-z after normalising');
    await expect(distance.count()).resolves.toBe(0);
    await page.getByTestId("playground-b").fill("");
    await expect(page.getByTestId("playground").innerText()).resolves.toContain("Type a word.");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no horizontal overflow on a 390 px phone: wide parts scroll in their own boxes", async () => {
    const { page, errors } = await openPage({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBe(0);
    for (const testId of ["heatmap", "dendrogram", "language-table", "universal-numbers"]) {
      const right = await page.getByTestId(testId).evaluate((el) => (el.closest(".nums-table-box") ?? el).getBoundingClientRect().right);
      expect(right, testId).toBeLessThanOrEqual(390);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

// Issue #9: what a first-time visitor found, checked at a desktop and a phone width on one page load each.
describe.each([
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
])("universal numbers page at $width px", (viewport) => {
  const desktop = viewport.width >= 1000;

  it("shows every table column, finds native words, fits the heat map, shows the whole tree legibly and marks Goudy", async () => {
    const { page, errors } = await openPage(viewport);
    const table = page.getByTestId("language-table");

    // The table: at 1366 px no column hides behind an inner scroll; on a phone the pinned name column leaves room.
    const fit = await table.evaluate((el) => {
      const box = el.closest(".nums-table-box")!;
      const closest = [...el.querySelectorAll("thead th")].at(-1)!.getBoundingClientRect();
      const name = el.querySelector("thead .nums-col-name")!.getBoundingClientRect();
      return { scroll: box.scrollWidth - box.clientWidth, closestRight: closest.right, boxRight: box.getBoundingClientRect().right, name: name.width, box: box.clientWidth };
    });
    if (desktop) {
      expect(fit.scroll).toBeLessThanOrEqual(0);
      expect(fit.closestRight).toBeLessThanOrEqual(fit.boxRight);
    } else {
      expect(fit.name).toBeLessThan(fit.box * 0.4);
    }

    // Search by the native spelling, and by a transliteration of a non-Latin one.
    const rows = table.locator("tbody tr[data-language]");
    await page.getByTestId("table-search").fill("drei");
    const german = table.locator('tr[data-language="German"]');
    await german.waitFor();
    await expect(german.getByTestId("native-word").nth(2).textContent()).resolves.toBe("drei");
    await expect(german.locator("td.nums-word").nth(2).innerText()).resolves.toContain("drigh");
    await page.getByTestId("table-search").fill("odin");
    await table.locator('tr[data-language="Russian"]').waitFor();
    await page.getByTestId("table-search").fill("goudy");
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getByTestId("joke-mark").isVisible()).resolves.toBe(true);
    await page.getByTestId("table-search").fill("");

    // The heat map fits the window; its rows are readable: labels beside it on a desktop, the named row list everywhere.
    const canvas = page.getByTestId("heatmap");
    const size = (await canvas.boundingBox())!;
    expect(size.height).toBeLessThanOrEqual(viewport.height);
    expect(size.width).toBeLessThanOrEqual(viewport.width);
    if (desktop) expect(Number(await canvas.getAttribute("data-left"))).toBeGreaterThan(0);
    const row = page.getByTestId("heatmap-row");
    await page.getByTestId("heatmap-row-select").selectOption("German");
    const listed = row.locator("li");
    await expect(listed.count()).resolves.toBe(74);
    const first = await listed.first().getAttribute("data-language");
    expect(first).not.toBe("German");
    await expect(listed.first().locator("button").isVisible()).resolves.toBe(true);
    const label = await listed.first().locator("button").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(label).toBeGreaterThanOrEqual(11);
    await expect(row.getByTestId("joke-mark").count()).resolves.toBe(1);

    // The tree: all 75 names inside the drawing at >= 11 px, the root too, also after "Fit".
    const tree = page.getByTestId("dendrogram");
    for (const step of ["open", "fit"]) {
      if (step === "fit") await page.getByRole("button", { name: "Fit" }).click();
      const shown = await tree.evaluate((svg) => {
        const frame = svg.getBoundingClientRect();
        const inside = (r: DOMRect) => r.left >= frame.left - 1 && r.right <= frame.right + 1 && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
        const labels = [...svg.querySelectorAll<SVGTextElement>(".leaf text")];
        // The on-screen size: font size times the drawing's scale (rotation removed).
        const scale = (t: SVGTextElement) => {
          const m = t.getScreenCTM();
          return m ? Math.hypot(m.a, m.b) : 1;
        };
        const root = svg.querySelector(".inner")!.getBoundingClientRect();
        return {
          labels: labels.length,
          inside: labels.filter((t) => inside(t.getBoundingClientRect())).length,
          // Rounded: a rotated label's scale comes back as 0.9999999999999998.
          smallest: Math.round(Math.min(...labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale(t))) * 100) / 100,
          root: inside(root),
          joke: labels.filter((t) => t.textContent?.includes("joke article")).length,
        };
      });
      expect(shown, step).toEqual({ labels: 75, inside: 75, smallest: shown.smallest, root: true, joke: 1 });
      expect(shown.smallest, step).toBeGreaterThanOrEqual(11);
    }
    await expect(page.getByTestId("joke-note").count()).resolves.toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("universal numbers API", () => {
  const get = (path: string) => fetch(`${baseURL}${path}`);

  it("serves the universal numbers, languages, pairs and tree", async () => {
    const universal = universalResponseSchema.parse(await (await get("/api/numbers/universal")).json());
    expect(universal.map((u) => u.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(universal[0]).toEqual({ number: 1, word: "een", language: "Welsh" });

    expect(languageNames).toHaveLength(75);

    const pairs = pairsResponseSchema.parse(await (await get("/api/numbers/pairs")).json());
    expect(pairs).toHaveLength(100);
    expect(pairs.every((p, i) => i === 0 || pairs[i - 1].score >= p.score)).toBe(true);
    expect(pairsResponseSchema.parse(await (await get("/api/numbers/pairs?limit=3")).json())).toEqual(pairs.slice(0, 3));
    const all = pairsResponseSchema.parse(await (await get("/api/numbers/pairs?limit=2775")).json());
    expect(all).toHaveLength(2775);

    const tree = treeResponseSchema.parse(await (await get("/api/numbers/tree")).json());
    expect(leaves(tree).sort()).toEqual([...languageNames].sort());

    const distance = distanceResponseSchema.parse(await (await get("/api/numbers/distance?a=veer&b=fear")).json());
    expect(distance).toMatchObject({ a: "veer", b: "fear" });
    expect(distance.distance).toBeCloseTo(0.7, 12);
  });

  it.each([
    ["/api/numbers/pairs?limit=-1", "invalid_query", /^limit: /],
    ["/api/numbers/pairs?limit=abc", "invalid_query", /^limit: /],
    ["/api/numbers/pairs?limit=2776", "invalid_query", /^limit: must be at most 2775/],
    ["/api/numbers/distance?a=veer", "invalid_query", /^b: /],
    [`/api/numbers/distance?a=${"x".repeat(65)}&b=fear`, "invalid_query", /^a: /],
    ["/api/numbers/distance?a=&b=fear", "invalid_query", /^a: /],
    ["/api/numbers/distance?a=123&b=fear", "no_letters", /^a: "123" has no letters/],
  ])("answers %s with a 400 in the error shape", async (path, code, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    const body = apiErrorBodySchema.parse(await response.json());
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });

  it("answers an unknown numbers route with the JSON 404", async () => {
    const response = await get("/api/numbers/nothing");
    expect(response.status).toBe(404);
    expect(z.object({ error: z.object({ code: z.literal("unknown_route") }) }).safeParse(await response.json()).success).toBe(true);
  });
});
