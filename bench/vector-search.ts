/**
 * Vector search benchmark: `npx tsx bench/run.ts vector-search [--rows N] [--dims D]
 * [--queries Q] [--k K] [--metric cosine|euclidean|both] [--strategy memory|cube|both]
 * [--backend pglite|postgres] [--reduced-dims R]`.
 *
 * Loads clustered, CNN-embedding-like vectors (tests/helpers/clustered-vectors.ts) into
 * PGlite, and into PostgreSQL when DATABASE_URL is set (a fresh database, dropped after),
 * then times each strategy on the same held-out queries against exact brute force over
 * the same vectors in plain memory, measured in the same run (the baseline).
 */
import type { Database } from "@/lib/db";
import { percentile } from "@/lib/ml/metrics";
import { bruteForceNearest, normalise } from "@/lib/ml/vectors";
import { clearVectorCache, collectionInfo, nearest, putVectors, resolveStrategy, type Metric } from "@/lib/vector-search";
import { clusteredSpace } from "@/tests/helpers/clustered-vectors";
import { availableDatabaseTargets, dropTestDatabases, openTestDatabase } from "@/tests/helpers/databases";

interface Options {
  rows: number;
  dims: number;
  queries: number;
  k: number;
  metrics: Metric[];
  strategies: ("memory" | "cube")[];
  /** Substring of the backend label to run only that one (e.g. "pglite"). */
  backends?: string;
  /** Cube dimensions for wide vectors (default: the library's). */
  reducedDims?: number;
}

function parseArgs(args: string[]): Options {
  const value = (flag: string, fallback: string) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const metric = value("--metric", "both");
  const strategy = value("--strategy", "both");
  const backend = value("--backend", "all");
  return {
    rows: Number(value("--rows", "10000")),
    dims: Number(value("--dims", "768")),
    queries: Number(value("--queries", "200")),
    k: Number(value("--k", "10")),
    metrics: metric === "both" ? ["cosine", "euclidean"] : [metric as Metric],
    strategies: strategy === "both" ? ["memory", "cube"] : [strategy as "memory" | "cube"],
    backends: backend === "all" ? undefined : backend,
    reducedDims: args.includes("--reduced-dims") ? Number(value("--reduced-dims", "100")) : undefined,
  };
}

/** Prints progress now (a run takes minutes) and keeps the line for the summary. */
function log(keep: string[] | undefined, line: string): void {
  console.log(`  ${line}`);
  keep?.push(line);
}


interface Row {
  backend: string;
  metric: Metric;
  strategy: string;
  p50: number;
  p99: number;
  recall: number;
  ratio50: number;
  ratio99: number;
}

export default async function main(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const { rows, dims, queries: queryCount, k } = options;
  console.log(`vector-search: ${rows} x ${dims} clustered vectors, ${queryCount} held-out queries, k=${k}`);
  const space = clusteredSpace({ dims, seed: 7 });
  let t = performance.now();
  const data = space.sample(rows, 1).vectors;
  const queries = space.sample(queryCount, 2).vectors;
  console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const keys = data.map((_, i) => `item-${i}`);

  const results: Row[] = [];
  const loads: string[] = [];
  for (const metric of options.metrics) {
    // Baseline: exact brute force over a plain in-memory matrix of the same vectors.
    const indexed = metric === "cosine" ? data.map(normalise) : data;
    const matrix = new Float32Array(rows * dims);
    indexed.forEach((v, i) => matrix.set(v, i * dims));
    const bruteForce = (query: Float32Array) =>
      bruteForceNearest(matrix, dims, metric === "cosine" ? normalise(query) : query, k, metric);
    const truth = queries.map((query) => new Set(bruteForce(query).map((f) => keys[f.index])));
    const baseline: number[] = [];
    for (const query of queries) {
      const start = performance.now();
      bruteForce(query);
      baseline.push(performance.now() - start);
    }
    baseline.sort((a, b) => a - b);
    results.push({
      backend: "-",
      metric,
      strategy: "brute force (baseline)",
      p50: percentile(baseline, 0.5),
      p99: percentile(baseline, 0.99),
      recall: 1,
      ratio50: 1,
      ratio99: 1,
    });

    const backends = availableDatabaseTargets().filter(
      (b) => !options.backends || b.label.toLowerCase().includes(options.backends.toLowerCase()),
    );
    for (const backend of backends) {
      const db: Database = await openTestDatabase(backend);
      try {
        t = performance.now();
        const items = data.map((vector, i) => ({ key: keys[i], vector }));
        await putVectors(db, "bench", items, { metric, replace: true, reducedDims: options.reducedDims });
        const loadSeconds = (performance.now() - t) / 1000;
        const info = await collectionInfo(db, "bench");
        log(
          loads,
          `${backend.label} ${metric}: put ${rows} x ${dims} in ${loadSeconds.toFixed(1)} s ` +
            `(${info!.reducedDims} reduced dims; "auto" picks ${resolveStrategy(info!, "auto")})`,
        );
        for (const strategy of options.strategies) {
          clearVectorCache();
          t = performance.now();
          await nearest(db, "bench", queries[0], { k, strategy }); // warm-up (memory: loads the cache)
          const firstMs = performance.now() - t;
          if (strategy === "memory") log(loads, `${backend.label} ${metric}: memory cache load + first query ${(firstMs / 1000).toFixed(2)} s`);
          // The baseline is timed again right next to each search, on the same query, so
          // the ratio holds even when other processes load the CPU unevenly over the run.
          const times: number[] = [];
          const pairedBaseline: number[] = [];
          let hits = 0;
          for (const [i, query] of queries.entries()) {
            let start = performance.now();
            bruteForce(query);
            pairedBaseline.push(performance.now() - start);
            start = performance.now();
            const found = await nearest(db, "bench", query, { k, strategy });
            times.push(performance.now() - start);
            hits += found.filter((f) => truth[i].has(f.key)).length;
          }
          times.sort((a, b) => a - b);
          pairedBaseline.sort((a, b) => a - b);
          const p50 = percentile(times, 0.5);
          const p99 = percentile(times, 0.99);
          const base50 = percentile(pairedBaseline, 0.5);
          const base99 = percentile(pairedBaseline, 0.99);
          log(
            undefined,
            `${backend.label} ${metric} ${strategy}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms ` +
              `(brute force alongside: p50 ${base50.toFixed(2)} ms, p99 ${base99.toFixed(2)} ms)`,
          );
          results.push({
            backend: backend.label,
            metric,
            strategy,
            p50,
            p99,
            recall: hits / (k * queries.length),
            ratio50: p50 / base50,
            ratio99: p99 / base99,
          });
        }
      } finally {
        await db.close();
        await dropTestDatabases();
      }
    }
  }

  console.log("");
  for (const line of loads) console.log(line);
  console.log("");
  // Ratios: this strategy's percentile over brute force's, timed alternately on the same queries.
  const header = ["metric", "strategy", "backend", "p50 ms", "p99 ms", "recall@" + k, "p50 / brute", "p99 / brute"];
  const table = results.map((r) => [
    r.metric,
    r.strategy,
    r.backend,
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.recall.toFixed(4),
    r.ratio50.toFixed(2) + "x",
    r.ratio99.toFixed(2) + "x",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table) console.log(line(row));
}
