/**
 * Reverse image search quality: `npm run bench -- image-search-quality [--backend pglite|postgres]`.
 *
 * Seeds data/image-search/ with the app's seed step into PGlite (and PostgreSQL when
 * DATABASE_URL is set), then searches with every held-out photo through the app's search
 * (lib/image-search/server/search.ts -> lib/vector-search) and reports precision@1/@5/@10 of
 * same-class results and the "no match" rates of the committed calibration, on all
 * held-out photos and on the test half alone (the half the calibration never saw).
 * Baseline from the same run: exact brute force over the same vectors in plain memory;
 * the ratios say what the real search loses against it (nothing, if exact).
 */
import path from "node:path";
import type { Database } from "@/lib/db";
import { runSeeds } from "@/lib/db/seed";
import { assignHalves, CONFIDENCE_NEIGHBOURS, judge, sameClass } from "@/lib/image-search/core/calibration";
import { loadImageIndex } from "@/lib/image-search/server/load";
import { loadCalibration, nearestPhotos } from "@/lib/image-search/server/search";
import { imageSearchSeedStep } from "@/lib/image-search/server/seed-step";
import { bruteForceNearest, normalise } from "@/lib/ml/vectors";
import { availableDatabaseTargets, dropTestDatabases, openTestDatabase } from "@/tests/helpers/databases";

const K = [1, 5, 10];

interface Outcome {
  id: string;
  split: "query" | "background";
  label: string;
  half: "calibration" | "test";
  labels: string[];
  noMatch: boolean;
}

function summarise(name: string, outcomes: Outcome[]) {
  const inColl = outcomes.filter((o) => o.split === "query");
  const background = outcomes.filter((o) => o.split === "background");
  const precision = (k: number) => inColl.reduce((s, o) => s + o.labels.slice(0, k).filter((l) => sameClass(l, o.label)).length, 0) / (inColl.length * k);
  const answered = inColl.filter((o) => !o.noMatch);
  return {
    name,
    n: `${inColl.length} + ${background.length}`,
    p: K.map(precision),
    p1Answered: answered.filter((o) => sameClass(o.labels[0], o.label)).length / answered.length,
    falseNoMatch: inColl.filter((o) => o.noMatch).length / inColl.length,
    backgroundNoMatch: background.filter((o) => o.noMatch).length / background.length,
  };
}

export default async function main(args: string[]): Promise<void> {
  const only = args.includes("--backend") ? args[args.indexOf("--backend") + 1] : undefined;
  const index = await loadImageIndex(path.resolve("data/image-search"));
  const calibration = loadCalibration();
  const halves = assignHalves(index.photos);
  const { photos, dim } = index;
  const rows = photos.flatMap((p, i) => (p.split === "index" ? [i] : []));
  const held = photos.flatMap((p, i) => (p.split === "index" ? [] : [i]));
  const vectorOf = (i: number) => index.vectors.subarray(i * dim, (i + 1) * dim);
  console.log(`image-search-quality: ${held.length} held-out photos (query + background) against ${rows.length} indexed, k = ${CONFIDENCE_NEIGHBOURS}`);

  // Baseline: exact cosine brute force over the same vectors in memory.
  const matrix = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => matrix.set(normalise(vectorOf(r)), i * dim));
  let t = performance.now();
  const baselineLists = held.map((q) =>
    bruteForceNearest(matrix, dim, normalise(vectorOf(q)), CONFIDENCE_NEIGHBOURS, "cosine").map((f) => ({
      id: photos[rows[f.index]].id,
      label: photos[rows[f.index]].label,
      score: 1 - f.distance,
    })),
  );
  const baselineMs = performance.now() - t;
  const outcome = (q: number, hits: { label: string; score: number }[]): Outcome => ({
    id: photos[q].id,
    split: photos[q].split as Outcome["split"],
    label: photos[q].label,
    half: halves.get(photos[q].id)!,
    labels: hits.map((h) => h.label),
    noMatch: judge(calibration, hits).noMatch,
  });
  const baseline = held.map((q, i) => outcome(q, baselineLists[i]));
  const table = [
    { ...summarise("brute force, all held out (baseline)", baseline), recall: 1, ms: baselineMs / held.length },
    { ...summarise("brute force, test half", baseline.filter((o) => o.half === "test")), recall: 1, ms: NaN },
  ];

  for (const backend of availableDatabaseTargets().filter((b) => !only || b.label.toLowerCase().includes(only.toLowerCase()))) {
    const db: Database = await openTestDatabase(backend);
    try {
      t = performance.now();
      await runSeeds(db, [imageSearchSeedStep], () => undefined);
      console.log(`${backend.label}: seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await nearestPhotos(db, vectorOf(held[0]), CONFIDENCE_NEIGHBOURS); // warm the search cache
      const real: Outcome[] = [];
      let agree = 0;
      t = performance.now();
      for (const [i, q] of held.entries()) {
        const hits = await nearestPhotos(db, vectorOf(q), CONFIDENCE_NEIGHBOURS);
        real.push(outcome(q, hits));
        const truth = new Set(baselineLists[i].map((h) => h.id));
        agree += hits.filter((h) => truth.has(h.id)).length;
      }
      const ms = (performance.now() - t) / held.length;
      const recall = agree / (held.length * CONFIDENCE_NEIGHBOURS);
      table.push({ ...summarise(`${backend.label}, all held out`, real), recall, ms });
      table.push({ ...summarise(`${backend.label}, test half`, real.filter((o) => o.half === "test")), recall: NaN, ms: NaN });
    } finally {
      await db.close();
      await dropTestDatabases();
    }
  }

  const base = table[0];
  console.log("");
  console.log("| search | queries (in-collection + background) | P@1 | P@5 | P@10 | P@1 / baseline | recall@10 vs brute force | P@1 answered | false no-match | background no-match | ms / query |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of table) {
    const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "-");
    const pc = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      `| ${r.name} | ${r.n} | ${r.p.map((x) => f(x)).join(" | ")} | ${f(r.p[0] / base.p[0], 4)} | ${f(r.recall, 4)} | ${f(r.p1Answered)} | ${pc(r.falseNoMatch)} | ${pc(r.backgroundNoMatch)} | ${f(r.ms, 2)} |`,
    );
  }
}
