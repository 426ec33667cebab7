import { afterAll, afterEach, beforeAll } from "vitest";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import { findChromium } from "@/scripts/find-chromium.mjs";

/**
 * The Chromium the e2e tests drive (scripts/find-chromium.mjs: CHROMIUM_PATH, which
 * scripts/test.mjs and .ci/run set to the one they found, else chromium on PATH). Throws
 * rather than guessing.
 */
export function chromiumPath(): string {
  const found = findChromium();
  if (found.path === undefined) throw new Error(`no Chromium: ${found.why}`);
  return found.path;
}

/** Debian's Chromium, headless, with the background networking that this offline machine refuses turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export interface CheckedPage {
  page: Page;
  /**
   * Everything that went wrong on the page so far: uncaught page errors, console errors,
   * /api/ answers with status >= 400 that the test did not declare, failed /api/ requests.
   * The afterEach hook of useChromium() fails the test when this is not empty.
   */
  errors: string[];
  /** Declares an /api/ status this test provokes on purpose (optionally only for a path). */
  expectApiStatus(status: number, pathname?: string | RegExp): void;
  /** Declares console errors this test provokes on purpose, matched against "text (url)". */
  allowConsoleError(pattern: RegExp): void;
}

let hooksInstalled = false;
/** Pages opened by the current test, checked and closed after it. */
const openedInTest: CheckedPage[] = [];

/**
 * A new page that records uncaught page errors, console errors and failed /api/ responses
 * (status >= 500, or a 4xx not declared with expectApiStatus). Open pages only through
 * this in a file that called useChromium(): its afterEach fails the test on any of them.
 */
export async function newPageCollectingErrors(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<CheckedPage> {
  if (!hooksInstalled) throw new Error("call useChromium() at the top of the test file: it installs the check that fails a test on page errors");
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const expected: { status: number; pathname?: string | RegExp }[] = [];
  const allowedConsole: RegExp[] = [];
  const apiPath = (url: string): string | null => {
    const u = new URL(url);
    return u.pathname.startsWith("/api/") ? u.pathname : null;
  };
  const isExpected = (status: number, pathname: string) =>
    expected.some((e) => e.status === status && (e.pathname === undefined || (typeof e.pathname === "string" ? e.pathname === pathname : e.pathname.test(pathname))));

  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() !== "error") return;
    const url = msg.location().url ?? "";
    const text = msg.text();
    // Chromium also logs every >= 400 fetch as "Failed to load resource"; for /api/ the
    // response listener below judges it (declared or not), so it is not counted twice.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(text) && url && apiPath(url)) return;
    const line = `${text}${url ? ` (${url})` : ""}`;
    if (allowedConsole.some((p) => p.test(line))) return;
    errors.push(`console error: ${line}`);
  });
  page.on("response", (response) => {
    const pathname = apiPath(response.url());
    const status = response.status();
    if (!pathname || status < 400 || isExpected(status, pathname)) return;
    errors.push(`API ${response.request().method()} ${pathname}${new URL(response.url()).search} answered ${status} ${response.statusText()}`);
  });
  page.on("requestfailed", (request) => {
    const pathname = apiPath(request.url());
    const failure = request.failure()?.errorText ?? "failed";
    // A request the page itself aborts (a superseded search) is not a failure.
    if (pathname && !/ERR_ABORTED/.test(failure)) errors.push(`API ${request.method()} ${pathname} failed: ${failure}`);
  });

  const checked: CheckedPage = {
    page,
    errors,
    expectApiStatus: (status, pathname) => void expected.push({ status, pathname }),
    allowConsoleError: (pattern) => void allowedConsole.push(pattern),
  };
  openedInTest.push(checked);
  return checked;
}

/**
 * One Chromium for a test file (launched before its tests, closed after them), and after
 * each test a check of every page the test opened with newPageCollectingErrors: the test
 * fails if any page logged a console error, threw, or got a failed /api/ response.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  hooksInstalled = true;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    const pages = openedInTest.splice(0);
    const problems = pages.flatMap((p, i) => p.errors.map((e) => `page ${i + 1} (${p.page.isClosed() ? "closed" : p.page.url()}): ${e}`));
    await Promise.all(pages.map((p) => (p.page.isClosed() ? undefined : p.page.close())));
    if (problems.length > 0) throw new Error(`the browser reported ${problems.length} problem(s):\n${problems.join("\n")}`);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("Chromium is not running (useChromium must be called at the top of a test file)");
    return browser;
  };
}
