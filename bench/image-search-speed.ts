/**
 * Reverse image search speed: `npm run bench -- image-search-speed [--rounds N]`.
 *
 * Baseline, measured in the same run: the bare model inference in Node (MobileNet on the
 * tfjs WASM backend, one preprocessed 224x224 input, no decoding). Against it:
 * - per-image embedding of a JPEG file in Node (sharp decode + preprocess + model, on the
 *   upload path's engine: ONNX Runtime since issue 14, so it can beat the tfjs baseline),
 * - end-to-end search through the route handlers (POST /api/image-search/search with a JSON
 *   vector, as the page sends it, and with a multipart upload; GET /api/image-search/similar),
 *   on a seeded in-memory PGlite installed as the app's database,
 * - the bad-input answers (50 MB upload, 30000x30000 PNG header, truncated JPEG, ...).
 * Prints p50 / p99 in ms and as ratios to the bare inference p50.
 */
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { embedImageBytes, serverModel } from "@/lib/image-search/server/embed";
import { loadImageIndex } from "@/lib/image-search/server/load";
import { imageSearchSeedStep } from "@/lib/image-search/server/seed-step";
import { percentile } from "@/lib/ml/metrics";
import { analyze, preprocess } from "@/lib/vision";
import { decodeImage } from "@/lib/vision/node";
import { POST as searchPOST } from "@/app/api/image-search/search/route";
import { GET as similarGET } from "@/app/api/image-search/similar/route";
import { openTestDatabase, availableDatabaseTargets } from "@/tests/helpers/databases";
import { pngDeclaring } from "../tests/helpers/image-search";

const FIXTURES = path.resolve("tests/fixtures/images");

interface Measured {
  what: string;
  /** Runs per round. */
  perRound: number;
  fn: (i: number) => Promise<unknown>;
  times: number[];
}

/**
 * Runs the measurements interleaved, round after round (each round runs every one of
 * them), so a load change on this shared machine hits them all alike and the ratios hold.
 */
async function interleaved(rounds: number, measured: Measured[]): Promise<{ what: string; p50: number; p99: number; n: number }[]> {
  for (let r = 0; r < rounds; r++) {
    for (const m of measured) {
      for (let j = 0; j < m.perRound; j++) {
        const t = performance.now();
        await m.fn(r * m.perRound + j);
        m.times.push(performance.now() - t);
      }
    }
  }
  return measured.map((m) => {
    const sorted = [...m.times].sort((a, b) => a - b);
    return { what: m.what, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n: sorted.length };
  });
}


const SEARCH_URL = "http://localhost/api/image-search/search";
const multipart = (bytes: Uint8Array, type = "image/jpeg") => {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), "q");
  return new Request(SEARCH_URL, { method: "POST", body: form });
};

export default async function main(args: string[]): Promise<void> {
  const rounds = Number(args.includes("--rounds") ? args[args.indexOf("--rounds") + 1] : "60");
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".jpg")).sort();
  const jpegs = files.map((f) => fs.readFileSync(path.join(FIXTURES, f)));
  console.log(`image-search-speed: ${rounds} rounds each, ${files.length} fixture JPEGs (${files.join(", ")})`);

  let t = performance.now();
  const net = await serverModel();
  console.log(`model load (WASM backend, from disk): ${(performance.now() - t).toFixed(0)} ms`);
  const inputs = await Promise.all(jpegs.map(async (b) => preprocess(await decodeImage(b))));
  for (const input of inputs) await analyze(net, input); // warm-up

  const backend = availableDatabaseTargets()[0]; // PGlite: the default app database
  const db: Database = await openTestDatabase(backend);
  (globalThis as unknown as { appDatabase?: Promise<Database> }).appDatabase = Promise.resolve(db);
  try {
    t = performance.now();
    await runSeeds(db, [imageSearchSeedStep], () => undefined);
    console.log(`seed on ${backend.label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const index = await loadImageIndex(path.resolve("data/image-search"));
    const held = index.photos.flatMap((p, i) => (p.split === "index" ? [] : [i]));
    const bodies = held.map((i) => JSON.stringify({ vector: Array.from(index.vectors.subarray(i * index.dim, (i + 1) * index.dim)), k: 12 }));
    const ok = async (res: Response) => {
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const jsonSearch = (i: number) =>
      new Request(SEARCH_URL, { method: "POST", headers: { "content-type": "application/json" }, body: bodies[(i * 37) % bodies.length] });
    await ok(await searchPOST(jsonSearch(0), undefined)); // warm the search cache

    const measured: Measured[] = [
      { what: "bare model inference, WASM (baseline)", perRound: 1, fn: (i) => analyze(net, inputs[i % inputs.length]), times: [] },
      { what: "decode + preprocess only (sharp, JS)", perRound: 1, fn: async (i) => preprocess(await decodeImage(jpegs[i % jpegs.length])), times: [] },
      { what: "embed a JPEG in Node (decode + preprocess + model)", perRound: 1, fn: (i) => embedImageBytes(jpegs[i % jpegs.length]), times: [] },
      { what: "POST /api/image-search/search, JSON vector (route handler)", perRound: 5, fn: async (i) => ok(await searchPOST(jsonSearch(i), undefined)), times: [] },
      {
        what: "GET /api/image-search/similar (route handler)",
        perRound: 5,
        fn: async (i) =>
          ok(await similarGET(new Request(`http://localhost/api/image-search/similar?id=${encodeURIComponent(index.photos[held[(i * 37) % held.length]].id)}&k=12`), undefined)),
        times: [],
      },
      { what: "POST /api/image-search/search, multipart JPEG (route handler)", perRound: 1, fn: async (i) => ok(await searchPOST(multipart(jpegs[i % jpegs.length]), undefined)), times: [] },
    ];
    const rows = await interleaved(rounds, measured);
    const bare = rows[0];

    // Bad input: each must be a 4xx, fast.
    let seed = 3;
    const random = new Uint8Array(8192).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const bad: [string, () => Request, number][] = [
      ["50 MB upload (Content-Length)", () => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({ pull(c) { if (sent >= 50 << 20) return c.close(); sent += 1 << 16; c.enqueue(new Uint8Array(1 << 16)); } });
        return new Request(SEARCH_URL, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 << 20) }, body, duplex: "half" } as RequestInit);
      }, 413],
      ["50 MB upload (chunked, no length)", () => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({ pull(c) { if (sent >= 50 << 20) return c.close(); sent += 1 << 16; c.enqueue(new Uint8Array(1 << 16)); } });
        return new Request(SEARCH_URL, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body, duplex: "half" } as RequestInit);
      }, 413],
      ["30000x30000 PNG header", () => multipart(pngDeclaring(30000, 30000), "image/png"), 413],
      ["truncated JPEG", () => multipart(jpegs[0].subarray(0, jpegs[0].length >> 1)), 422],
      ["random bytes", () => multipart(random), 415],
      ["vector of 767 numbers", () => new Request(SEARCH_URL, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ vector: new Array(767).fill(0.1) }) }), 400],
      ["vector with 1e999", () => new Request(SEARCH_URL, { method: "POST", headers: { "content-type": "application/json" }, body: `{"vector":[1e999${",0.1".repeat(767)}]}` }), 400],
    ];
    const badRows: string[] = [];
    for (const [what, make, status] of bad) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const res = await searchPOST(make(), undefined);
        times.push(performance.now() - t0);
        if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}`);
        await res.arrayBuffer();
      }
      times.sort((a, b) => a - b);
      badRows.push(`| ${what} | ${status} | ${times[2].toFixed(1)} | ${times[4].toFixed(1)} |`);
    }

    console.log("");
    console.log("| what | n | p50 ms | p99 ms | p50 / bare inference | p99 / bare inference p50 |");
    console.log("|---|---|---|---|---|---|");
    for (const r of rows) {
      console.log(`| ${r.what} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p50 / bare.p50).toFixed(2)}x | ${(r.p99 / bare.p50).toFixed(2)}x |`);
    }
    console.log("\n| bad input (route handler) | status | median ms | max ms (5 runs) |\n|---|---|---|---|");
    for (const line of badRows) console.log(line);
  } finally {
    delete (globalThis as unknown as { appDatabase?: Promise<Database> }).appDatabase;
    await db.close();
  }
}
