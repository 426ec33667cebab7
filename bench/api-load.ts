/**
 * `npm run bench -- api-load [seconds-per-route] [connections] [name-filter]`: starts the built app on
 * loopback (fresh embedded database, or DATABASE_URL), loads each API route with
 * autocannon in turn and prints requests/s, p50/p99 latency and errors per route, each as
 * a ratio to the baseline: the cheapest route there is (an unknown /api path, answered
 * by a route handler without touching the database), measured in the same run. With a
 * name filter (e.g. "movies/") only the routes whose name contains it are loaded.
 */
import autocannon from "autocannon";
import { startBuiltApp } from "../tests/helpers/app-server";

interface RouteLoad {
  name: string;
  path: string;
  method?: "GET" | "POST";
  body?: string;
  /** Status the route should answer with; anything else counts as an error. */
  expect?: number;
  /** Extra request headers (e.g. the accept-encoding a browser sends). */
  headers?: Record<string, string>;
}

const BASELINE: RouteLoad = { name: "baseline (unknown /api path)", path: "/api/__bench_baseline", expect: 404 };

// Every demo's routes, with typical inputs. A route whose demo is absent shows as "missing".
const ROUTES: RouteLoad[] = [
  { name: "health", path: "/api/health" },
  { name: "numbers/universal", path: "/api/numbers/universal" },
  { name: "numbers/languages", path: "/api/numbers/languages" },
  { name: "numbers/pairs", path: "/api/numbers/pairs?limit=100" },
  { name: "numbers/tree", path: "/api/numbers/tree" },
  { name: "numbers/distance", path: "/api/numbers/distance?a=veer&b=fear" },
  { name: "numbers/distance (bad input)", path: "/api/numbers/distance?a=veer", expect: 400 },
  { name: "images/photos", path: "/api/image-search/photos?limit=48" },
  { name: "images/similar", path: "/api/image-search/similar?id=dalmatian/image_0006&k=10" },
  { name: "movies/search", path: "/api/movies/search?q=star" },
  { name: "movies/similar", path: "/api/movies/similar?title=Toy%20Story&k=10" },
  { name: "movies/map", path: "/api/movies/map" },
  { name: "movies/map (gzip: Next compresses per request)", path: "/api/movies/map", headers: { "accept-encoding": "gzip, deflate, br" } },
  { name: "movies/thumbnails", path: "/api/movies/thumbnails" },
  {
    name: "movies/taste",
    path: "/api/movies/taste",
    method: "POST",
    body: JSON.stringify({ liked: ["Toy Story", "Finding Nemo"], disliked: [] }),
  },
  { name: "movies/search (typo)", path: "/api/movies/search?q=casablanka" },
  { name: "movies/similar (unknown title)", path: "/api/movies/similar?title=No%20Such%20Film", expect: 404 },
  { name: "radio/songs", path: "/api/radio/songs?q=love" },
  { name: "radio/playlist", path: "/api/radio/playlist", method: "POST", body: JSON.stringify({ seeds: [20065, 5], length: 25 }) },
  // Auto lights (the bench's server runs no monitor and has no admin token: events answers JSON, changes 403).
  { name: "lights/state", path: "/api/lights/state" },
  { name: "lights/events (no monitor)", path: "/api/lights/events" },
  { name: "lights/assign (read-only)", path: "/api/lights/assign", method: "POST", body: JSON.stringify({ mac: "fc:a6:67:ab:cd:ef", role: "button" }), expect: 403 },
  { name: "draw/brute", path: "/api/draw/brute?limit=100" },
  { name: "draw/brute (label, page 2)", path: "/api/draw/brute?label=envelope&limit=100&cursor=0.5:0" },
  { name: "draw/brute/framed", path: "/api/draw/brute/framed" },
  { name: "draw/brute (unknown label)", path: "/api/draw/brute?label=no%20such%20label", expect: 404 },
  // Learning to draw: LSTM sampling on the server (one at a time, 8 queued, then 503 busy).
  { name: "draw/sample icons8 x16", path: "/api/draw/sample", method: "POST", body: JSON.stringify({ model: "icons8", count: 16, temperature: 0.8, seed: 1 }) },
  { name: "draw/sample glyphs x4", path: "/api/draw/sample", method: "POST", body: JSON.stringify({ model: "glyphs", count: 4, temperature: 0.8, seed: 1 }) },
  { name: "draw/stela x8", path: "/api/draw/stela", method: "POST", body: JSON.stringify({ count: 8, temperature: 0.8, seed: 1 }) },
  { name: "draw/sample (bad model)", path: "/api/draw/sample", method: "POST", body: JSON.stringify({ model: "cats", count: 1, temperature: 1, seed: 1 }), expect: 400 },
  { name: "images/search (bad vector)", path: "/api/image-search/search", method: "POST", body: JSON.stringify({ vector: [1, 2, 3] }), expect: 400 },
];

const headersOf = (route: RouteLoad): Record<string, string> => ({ ...(route.body ? { "content-type": "application/json" } : {}), ...route.headers });

function load(baseURL: string, route: RouteLoad, seconds: number, connections: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: baseURL,
        connections,
        duration: seconds,
        requests: [{ method: route.method ?? "GET", path: route.path, body: route.body, headers: headersOf(route) }],
        expectBody: undefined,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export default async function main(args: string[]) {
  const seconds = Number(args[0] ?? 5);
  const connections = Number(args[1] ?? 10);
  const app = await startBuiltApp({ env: { NODE_ENV: "production" } });
  const { baseURL } = app;
  try {
    console.log(`API load: ${seconds}s per route, ${connections} connections, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}\n`);
    const rows: string[][] = [["route", "req/s", "p50 ms", "p99 ms", "errors", "req/s ratio", "p50 ratio", "p99 ratio"]];
    const routes = ROUTES.filter((r) => !args[2] || r.name.includes(args[2]));
    // Warm-up: a fresh server builds its per-seed caches (search index, catalogues, map) on
    // the first request of each route, and JIT-compiles as it goes; that work would land in
    // whichever route is measured first - the baseline. So every route is asked once first
    // (its status is kept for the check below), then the baseline is loaded unmeasured.
    const probes = new Map<RouteLoad, number>();
    for (const route of routes) probes.set(route, (await fetch(`${baseURL}${route.path}`, { method: route.method ?? "GET", body: route.body, headers: headersOf(route) })).status);
    const warmSeconds = Math.max(1, Math.round(seconds / 3));
    await load(baseURL, BASELINE, Math.max(2, warmSeconds), connections);
    const base = await load(baseURL, BASELINE, seconds, connections);
    const line = (name: string, r: autocannon.Result, expect: number, statusOk: boolean) => {
      const errors = r.errors + r.timeouts + (statusOk ? 0 : r.requests.total) + (expect === 200 ? r.non2xx : 0);
      rows.push([
        name,
        r.requests.average.toFixed(0),
        r.latency.p50.toFixed(1),
        r.latency.p99.toFixed(1),
        String(errors),
        (r.requests.average / base.requests.average).toFixed(2),
        (r.latency.p50 / Math.max(base.latency.p50, 0.1)).toFixed(2),
        (r.latency.p99 / Math.max(base.latency.p99, 0.1)).toFixed(2),
      ]);
    };
    line(BASELINE.name, base, 404, true);
    for (const route of routes) {
      const expect = route.expect ?? 200;
      const status = probes.get(route)!;
      if (status === 404 && expect !== 404) {
        rows.push([route.name, "missing", "", "", "", "", "", ""]);
        continue;
      }
      await load(baseURL, route, warmSeconds, connections);
      line(route.name, await load(baseURL, route, seconds, connections), expect, status === expect);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
    console.log("\nratios: route / baseline from this run (req/s: higher is better; latency: lower is better)");
    console.log("goal (#9): movies/search and movies/similar at req/s ratio >= 0.5 with p99 < 50 ms; the slow movie paths (typo, unknown title, taste, map) >= 0.5 with p99 < 100 ms");
  } finally {
    await app.stop();
  }
}
