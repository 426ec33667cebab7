/**
 * Reverse image search quality: `npm run bench -- image-search-quality [--backend pglite|postgres]`.
 *
 * Every photo is in the collection; queries are the held-out test half (assignHalves: the
 * photos neither tune.ts nor calibrate.ts fitted on), searched leave-one-out (the query and
 * its Faces twin excluded).
 * 1. Candidate search spaces in memory (scripts/image-search/loo.ts), each as a ratio to plain
 *    cosine over the same raw MobileNet vectors in the same run: power normalisation, PCA
 *    whitening, query expansion, and the committed combination (data/image-search/transform.json).
 * 2. The app's search (lib/image-search/server/search.ts -> lib/vector-search) after the app's
 *    seed step, on PGlite (and PostgreSQL when DATABASE_URL is set): P@k, the committed
 *    calibration's no-match rates, and recall@10 against the in-memory ranking of step 1.
 */
import path from "node:path";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { assignHalves, sameClass } from "@/lib/image-search/core/calibration";
import { plainCosine, type EmbeddingTransform } from "@/lib/image-search/core/transform";
import { loadImageIndex, loadTransform } from "@/lib/image-search/server/load";
import { loadCalibration, searchEvidence, verdict } from "@/lib/image-search/server/search";
import { imageSearchSeedStep } from "@/lib/image-search/server/seed-step";
import { availableDatabaseTargets, dropTestDatabases, openTestDatabase } from "@/tests/helpers/databases";
import { excludedFor, looRankings, precisionAt, searchSpace } from "@/scripts/image-search/loo";

export default async function main(args: string[]): Promise<void> {
  const only = args.includes("--backend") ? args[args.indexOf("--backend") + 1] : undefined;
  const dir = path.resolve("data/image-search");
  const index = await loadImageIndex(dir);
  const { transform: committed, manifest } = await loadTransform(dir);
  const calibration = loadCalibration();
  const halves = assignHalves(index.photos);
  const { photos, dim, vectors } = index;
  const test = photos.flatMap((p, i) => (p.split !== "index" && halves.get(p.id) === "test" ? [i] : []));
  const testIn = test.filter((i) => photos[i].split === "query");
  console.log(`image-search-quality: ${testIn.length} in-collection + ${test.length - testIn.length} background test-half queries, leave-one-out in all ${photos.length} photos`);

  // 1. Search spaces in memory, ratios to plain cosine.
  const spaces: [string, EmbeddingTransform][] = [
    ["plain cosine (baseline)", plainCosine(dim)],
    ["power 0.5", { ...plainCosine(dim), power: 0.5 }],
    [`query expansion ${committed.queryExpansion}`, { ...plainCosine(dim), queryExpansion: committed.queryExpansion }],
    [`whitening ${committed.outDims} (shrinkage ${manifest.shrinkage}), no query expansion`, { ...committed, queryExpansion: 0 }],
    ["committed transform (whitening + query expansion)", committed],
  ];
  const rows: string[] = [];
  let baseP5 = NaN;
  let committedRanking: number[][] = [];
  for (const [name, t] of spaces) {
    const started = performance.now();
    const ranking = looRankings(searchSpace(t, vectors), photos, testIn, 10, t.queryExpansion);
    const ms = (performance.now() - started) / testIn.length;
    const p = [1, 5, 10].map((k) => precisionAt(photos, testIn, ranking, k));
    if (Number.isNaN(baseP5)) baseP5 = p[1];
    if (t === committed) committedRanking = ranking;
    rows.push(`| ${name} | ${p.map((x) => x.toFixed(3)).join(" | ")} | ${(p[1] / baseP5).toFixed(3)} | ${ms.toFixed(1)} |`);
  }
  console.log("\n| search space (in memory) | P@1 | P@5 | P@10 | P@5 / plain cosine | ms / query |\n|---|---|---|---|---|---|");
  console.log(rows.join("\n"));

  // 2. Through the app.
  const table: string[] = [];
  for (const backend of availableDatabaseTargets().filter((b) => !only || b.label.toLowerCase().includes(only.toLowerCase()))) {
    const db: Database = await openTestDatabase(backend);
    try {
      let t = performance.now();
      await runSeeds(db, [imageSearchSeedStep], () => undefined);
      const seedS = (performance.now() - t) / 1000;
      await searchEvidence(db, vectors.subarray(0, dim)); // warm the search cache
      let agree = 0;
      let hit = [0, 0, 0];
      let inNo = 0;
      let bgNo = 0;
      t = performance.now();
      for (const q of test) {
        const found = await searchEvidence(db, vectors.subarray(q * dim, (q + 1) * dim), { k: 10, excludeIds: excludedFor(photos[q].id) });
        const labels = photos[q].imagenet.map(([label, probability]) => ({ label, probability }));
        const { noMatch } = verdict(calibration, found, labels);
        if (photos[q].split === "background") {
          if (noMatch) bgNo++;
          continue;
        }
        if (noMatch) inNo++;
        hit = [1, 5, 10].map((k, j) => hit[j] + found.neighbours.slice(0, k).filter((n) => sameClass(n.label, photos[q].label)).length);
        const truth = new Set(committedRanking[testIn.indexOf(q)].map((r) => photos[r].id));
        agree += found.neighbours.slice(0, 10).filter((n) => truth.has(n.id)).length;
      }
      const ms = (performance.now() - t) / test.length;
      const p = [1, 5, 10].map((k, j) => hit[j] / (testIn.length * k));
      table.push(
        `| ${backend.label} (seeded in ${seedS.toFixed(1)} s) | ${p.map((x) => x.toFixed(3)).join(" | ")} | ${(p[1] / baseP5).toFixed(3)} | ${(agree / (testIn.length * 10)).toFixed(4)} | ${((100 * inNo) / testIn.length).toFixed(1)}% | ${((100 * bgNo) / (test.length - testIn.length)).toFixed(1)}% | ${ms.toFixed(1)} |`,
      );
    } finally {
      await db.close();
      await dropTestDatabases();
    }
  }
  console.log("\n| the app's search (test half) | P@1 | P@5 | P@10 | P@5 / plain cosine | recall@10 vs in memory | false no-match | background no-match | ms / query |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  console.log(table.join("\n"));
}
