/**
 * The movie recommender in Chromium against the built app: search with autocomplete,
 * the similar list, the poster map flying to the picked film and selecting a film by a
 * click on its poster, "your taste", the API's errors, and phone width.
 *
 * Set SCREENSHOT_DIR to also save screenshots of the page at 1280 and 390 px.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { mapResponseSchema, searchResponseSchema, similarResponseSchema, tasteResponseSchema, type MapResponse } from "@/lib/movies/core/api-schema";
import { loadMovieSeedData } from "@/lib/movies/server/seed-data";
import { newPageCollectingErrors, useChromium, type CheckedPage } from "./chromium";
import { coveredControls } from "./clickable";

const baseURL = inject("baseURL");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const FIXTURE_POSTER = path.resolve(import.meta.dirname, "../fixtures/images/dalmatian-image_0006.jpg");
const browser = useChromium();
let map: MapResponse;

beforeAll(async () => {
  map = mapResponseSchema.parse(await (await fetch(`${baseURL}/api/movies/map`)).json());
});

async function openPage(viewport = { width: 1280, height: 900 }, query = ""): Promise<CheckedPage> {
  const checked = await newPageCollectingErrors(browser(), viewport);
  await checked.page.goto(`${baseURL}/movies${query}`);
  await checked.page.locator('[data-testid="movie-map"][data-ready="true"]').waitFor({ timeout: 60_000 });
  return checked;
}

/** The same film vectors and genres the server seeds (data/movies), read here to judge the taste ranking independently. */
let seed: ReturnType<typeof loadMovieSeedData> | undefined;
function filmFacts() {
  seed ??= loadMovieSeedData();
  const { films, filmVectors, dims } = seed;
  const index = new Map(films.map((f, i) => [f.title, i]));
  const at = (title: string) => {
    const i = index.get(title);
    expect(i, `film ${title} in data/movies`).toBeDefined();
    return i!;
  };
  const vector = (title: string) => filmVectors.subarray(at(title) * dims, (at(title) + 1) * dims);
  const cosine = (a: string, b: string) => {
    const x = vector(a);
    const y = vector(b);
    let xy = 0,
      xx = 0,
      yy = 0;
    for (let d = 0; d < dims; d++) {
      xy += x[d] * y[d];
      xx += x[d] * x[d];
      yy += y[d] * y[d];
    }
    return xy / Math.sqrt(xx * yy);
  };
  const meanCosine = (title: string, to: string[]) => to.reduce((s, t) => s + cosine(title, t), 0) / to.length;
  return { genres: (title: string) => films[at(title)].genres, displayTitle: (title: string) => films[at(title)].displayTitle, meanCosine };
}

/** Picks a film by typing its name and pressing Enter (the best match), and checks it is the film meant. */
async function pickFilm(page: Page, query: string, title: string) {
  const input = page.getByTestId("movie-search");
  // The pointer rests where the last click left it (the like button, under the suggestion
  // list): a list opening beneath it would make the hovered row the one Enter picks.
  await page.mouse.move(0, 0);
  await input.fill(query);
  await input.press("Enter");
  await page.locator(`[data-testid="movie-card"][data-title="${title.replace(/"/g, '\\"')}"]`).waitFor();
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
    // Zoomed out, the map names its regions and has a colour key.
    expect(Number(await page.getByTestId("movie-map").getAttribute("data-region-labels"))).toBeGreaterThan(3);
    await expect(page.getByTestId("map-legend").locator("li").count()).resolves.toBe(map.clusters);
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
    // Two zoom steps out from the cards, the best known films' titles are still labelled.
    await page.getByRole("button", { name: "Zoom out" }).click();
    await page.getByRole("button", { name: "Zoom out" }).click();
    await expect.poll(async () => (await mapState(page)).level).toBe("tiles");
    await expect.poll(async () => Number(await page.getByTestId("movie-map").getAttribute("data-title-labels"))).toBeGreaterThan(3);

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

  it("learns your taste: likes of sci-fi and dislikes of romantic comedies rank sci-fi first and romance last", async () => {
    const { page, errors } = await openPage();
    const liked = ["Star Wars (film)", "Alien (film)", "The Terminator"];
    const disliked = ["Pretty Woman", "Notting Hill (film)"];
    for (const [query, title] of [["star wars", liked[0]], ["alien", liked[1]], ["the terminator", liked[2]]]) {
      await pickFilm(page, query, title);
      await page.getByTestId("like").click();
    }
    await pickFilm(page, "pretty woman", disliked[0]);
    await page.getByTestId("dislike").click();
    await pickFilm(page, "notting hill", disliked[1]);
    // The ranking asked for once both dislikes are in.
    const taste = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/movies/taste" && r.request().postDataJSON()?.disliked?.length === 2);
    await page.getByTestId("dislike").click();
    const facts = filmFacts();
    const chips = (testId: string) => page.getByTestId(testId).locator("button.mv-remove").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    await expect(chips("liked-list")).resolves.toEqual(liked.map((t) => `Remove ${facts.displayTitle(t)}`));
    await expect(chips("disliked-list")).resolves.toEqual(disliked.map((t) => `Remove ${facts.displayTitle(t)}`));
    const response = await taste;
    expect(response.status()).toBe(200);
    const ranking = tasteResponseSchema.parse(await response.json());
    expect(ranking.training).toMatchObject({ liked: 3, disliked: 2, randomNegatives: 100 });
    // The page shows that ranking, liked and disliked films left out.
    const shown = async (testId: string) => page.getByTestId(testId).locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-title")!));
    const bestTitles = ranking.best.map((f) => f.title);
    const worstTitles = ranking.worst.map((f) => f.title);
    await expect.poll(() => shown("taste-best"), { timeout: 20_000 }).toEqual(bestTitles);
    await expect.poll(() => shown("taste-worst"), { timeout: 20_000 }).toEqual(worstTitles);
    expect(bestTitles).toHaveLength(10);
    expect(worstTitles).toHaveLength(10);
    for (const t of [...liked, ...disliked]) expect([...bestTitles, ...worstTitles]).not.toContain(t);

    // What it learned, judged on the data itself: the picks are science fiction and lie
    // nearer (film-vector cosine) to the liked films than to the disliked; the bottom of the
    // ranking is romance and nearer to the disliked films.
    const scifi = bestTitles.filter((t) => facts.genres(t).includes("Science fiction film"));
    expect(scifi.length, `sci-fi among the top picks ${JSON.stringify(bestTitles)}`).toBeGreaterThanOrEqual(7);
    for (const t of bestTitles) expect(facts.meanCosine(t, liked), `${t} nearer to the liked films`).toBeGreaterThan(facts.meanCosine(t, disliked));
    const romance = worstTitles.filter((t) => facts.genres(t).includes("Romance film"));
    expect(romance.length, `romance among the bottom picks ${JSON.stringify(worstTitles)}`).toBeGreaterThanOrEqual(7);
    for (const t of worstTitles) expect(facts.meanCosine(t, disliked), `${t} nearer to the disliked films`).toBeGreaterThan(facts.meanCosine(t, liked));
    expect(bestTitles.some((t) => facts.genres(t).includes("Romance film") && !facts.genres(t).includes("Science fiction film"))).toBe(false);
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
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "movies-390.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a film's poster image when it loads, and its drawn card when it does not", async () => {
    const { page, errors, allowConsoleError } = await openPage();
    // Poster images come from Wikimedia; this machine is offline, so the test serves them:
    // a fixture JPEG for the films in `served`, a failed load for every other.
    const film = async (title: string) => similarResponseSchema.parse(await (await fetch(`${baseURL}/api/movies/similar?title=${encodeURIComponent(title)}&k=1`)).json()).movie;
    const [good, broken] = [await film("The Godfather"), await film("Back to the Future")];
    expect(good.thumbnail && broken.thumbnail).toBeTruthy();
    const served = new Set([good.thumbnail!]);
    const requested: string[] = [];
    await page.route(/^https:\/\/upload\.wikimedia\.org\//, async (route) => {
      const url = route.request().url();
      requested.push(url);
      if (served.has(url)) await route.fulfill({ status: 200, contentType: "image/jpeg", body: fs.readFileSync(FIXTURE_POSTER) });
      else await route.abort("failed");
    });
    allowConsoleError(/^Failed to load resource: net::ERR_FAILED \(https:\/\/upload\.wikimedia\.org\//);

    // Posters off: the card draws its own poster with the film's title and year.
    const input = page.getByTestId("movie-search");
    await input.fill("back to the future");
    await input.press("Enter");
    await page.locator('[data-testid="movie-card"][data-title="Back to the Future"]').waitFor();
    const drawn = page.locator('[data-testid="movie-card"] .mv-poster.drawn');
    await expect(drawn.locator("span").innerText()).resolves.toBe(broken.displayTitle);
    await expect(drawn.locator("small").innerText()).resolves.toBe(String(broken.year));

    // Posters on, this film's image fails: it is tried, then the drawn card comes back.
    const thumbs = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/movies/thumbnails");
    const tried = page.waitForRequest(broken.thumbnail!);
    await page.getByTestId("show-posters").check();
    expect((await thumbs).status()).toBe(200);
    await tried;
    await page.waitForFunction(() => !document.querySelector('[data-testid="movie-card"] img.mv-poster'));
    await expect(drawn.locator("span").innerText()).resolves.toBe(broken.displayTitle);
    await expect(drawn.locator("small").innerText()).resolves.toBe(String(broken.year));

    // A film whose image loads shows the image itself, decoded, instead of the drawn card.
    await input.fill("the godfather");
    await input.press("Enter");
    await page.locator('[data-testid="movie-card"][data-title="The Godfather"]').waitFor();
    const img = page.locator('[data-testid="movie-card"] img.mv-poster');
    await expect(img.getAttribute("alt")).resolves.toBe(`Poster of ${good.displayTitle}`);
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('[data-testid="movie-card"] img.mv-poster');
      return !!el && el.complete && el.naturalWidth > 0;
    });
    await expect(drawn.count()).resolves.toBe(0);
    expect(requested).toContain(good.thumbnail);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("movie page state, search and layout after likes (#9)", () => {
  it("opens ?film=, pushes a history entry per film, keeps likes on reload and in the address, tolerates typos, and nothing covers anything", async () => {
    const { page, errors } = await openPage({ width: 1366, height: 900 }, "?film=Alien_(film)");
    const card = (title: string) => page.locator(`[data-testid="movie-card"][data-title="${title}"]`);
    await card("Alien (film)").waitFor();
    await waitForFlight(page, "Alien (film)");
    // A plain wheel over the map scrolls the page and leaves the map alone; Ctrl+wheel zooms it.
    const box = (await page.locator(".mv-canvas").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = await mapState(page);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect((await mapState(page)).k).toBe(before.k);
    await page.evaluate(() => window.scrollTo(0, 0));
    const box2 = (await page.locator(".mv-canvas").boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -200);
    await page.keyboard.up("Control");
    await expect.poll(async () => (await mapState(page)).k).toBeGreaterThan(before.k);
    await page.getByTestId("like").click();
    // A typo ("runer") still finds the film; picking it adds a history entry.
    await pickFilm(page, "blade runer", "Blade Runner");
    expect(new URL(page.url()).searchParams.get("film")).toBe("Blade_Runner");
    // Each similar film says why it is near: the links both films have.
    const why = await page.getByTestId("similar-why").allInnerTexts();
    expect(why.length).toBeGreaterThan(5);
    expect(why.every((w) => w.trim().length > 0)).toBe(true);
    await page.getByTestId("like").click();
    await pickFilm(page, "titanik 1997", "Titanic (1997 film)");
    const taste = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/movies/taste" && r.request().postDataJSON()?.disliked?.length === 1);
    await page.getByTestId("dislike").click();
    // One dislike of Titanic leaves the picks for two sci-fi likes science fiction.
    const ranking = tasteResponseSchema.parse(await (await taste).json());
    const facts = filmFacts();
    const scifi = ranking.best.filter((f) => facts.genres(f.title).includes("Science fiction film"));
    expect(scifi.length, JSON.stringify(ranking.best.map((f) => f.title))).toBeGreaterThanOrEqual(7);
    await page.getByTestId("taste-worst").locator("li").first().waitFor({ timeout: 20_000 });
    const params = () => new URL(page.url()).searchParams;
    await expect.poll(() => params().getAll("like")).toEqual(["Alien_(film)", "Blade_Runner"]);
    expect(params().getAll("dislike")).toEqual(["Titanic_(1997_film)"]);

    // With likes, dislikes and both taste lists on screen, at both widths, every control can be clicked.
    expect(await coveredControls(page)).toEqual([]);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "movies-taste-1366.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await coveredControls(page)).toEqual([]);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, "movies-taste-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });

    // Back: the previous film; Forward again.
    await page.goBack();
    await card("Blade Runner").waitFor();
    await page.goBack();
    await card("Alien (film)").waitFor();
    await page.goForward();
    await card("Blade Runner").waitFor();

    // Reload: film and taste survive; so they do from localStorage alone at a bare /movies.
    const chips = (testId: string) => page.getByTestId(testId).locator("button.mv-remove").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    await page.reload();
    await card("Blade Runner").waitFor();
    await expect.poll(() => chips("liked-list")).toEqual(["Remove Alien", "Remove Blade Runner"]);
    await expect(chips("disliked-list")).resolves.toEqual(["Remove Titanic"]);
    await page.goto(`${baseURL}/movies`);
    await expect.poll(() => chips("liked-list")).toEqual(["Remove Alien", "Remove Blade Runner"]);

    // A search that finds nothing clears the last pick's other matches.
    await pickFilm(page, "star wars", "Star Wars (film)");
    await page.getByTestId("movie-others").waitFor();
    await page.getByTestId("movie-search").fill("qqxqzz vvkwj");
    await page.getByText(/No film title has the words/).waitFor();
    await expect(page.getByTestId("movie-others").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a shared link's taste at phone width, and its controls are all reachable", async () => {
    const { page, errors } = await openPage({ width: 390, height: 844 }, "?film=The_Terminator&like=Alien_(film)&like=The_Terminator&dislike=Titanic_(1997_film)");
    await page.locator('[data-testid="movie-card"][data-title="The Terminator"]').waitFor();
    await page.getByTestId("taste-best").locator("li").first().waitFor({ timeout: 20_000 });
    await expect(page.getByTestId("like").getAttribute("aria-pressed")).resolves.toBe("true");
    expect(await coveredControls(page)).toEqual([]);
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
