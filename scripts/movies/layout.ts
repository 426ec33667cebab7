// 2-D poster map of the trained film vectors: UMAP, snapped to a grid, plus k-means colours.
//
//   npx tsx scripts/movies/layout.ts [--data data/movies] [--clusters 30] [--epochs N] [--seed 1] [--slack 1] [--swap-passes 4]
//
// --swap-passes: passes of local swaps (within 2 cells) that raise each film's cosine to its 8 grid neighbours; 0 = plain snap.
//
// --slack: grid cells per film (1 = a filled rectangle; 1.5 keeps gaps between clusters).
//
// Reads film-vectors.f16 (from train.ts) and writes layout.json.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { MOVIE_FILES, loadLinkData } from "@/lib/movies/pipeline/files";
import { decodeFloat16, encodeLayout } from "@/lib/movies/core/format";
import { gridNeighbourDistance, improveGridBySwaps, snapToGrid } from "@/lib/ml/layout/grid";
import { sphericalKMeans } from "@/lib/ml/layout/kmeans";
import { umap2d } from "@/lib/ml/layout/umap";
import { clusterCoherence, neighbourhoodPreservation } from "@/lib/movies/pipeline/layout-metrics";
import { consoleProgress } from "@/lib/progress";

function parseArgs(argv: string[]) {
  const out = { data: "data/movies", clusters: 30, epochs: undefined as number | undefined, seed: 1, slack: 1, swapPasses: 4 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i] ?? "";
    if (a === "--data") out.data = v();
    else if (a === "--clusters") out.clusters = Number(v());
    else if (a === "--epochs") out.epochs = Number(v());
    else if (a === "--seed") out.seed = Number(v());
    else if (a === "--slack") out.slack = Number(v());
    else if (a === "--swap-passes") out.swapPasses = Number(v());
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const data = loadLinkData(args.data);
  const info = JSON.parse(fs.readFileSync(path.join(args.data, MOVIE_FILES.model), "utf8")) as { dims: number };
  const unit = decodeFloat16(fs.readFileSync(path.join(args.data, MOVIE_FILES.filmVectors)));
  const n = data.films.length;
  if (unit.length !== n * info.dims) throw new Error("film-vectors.f16 does not match movies.json: run train.ts first");
  const started = Date.now();
  const knnBar = consoleProgress("knn   ", n);
  let layoutBar: ReturnType<typeof consoleProgress> | null = null;
  const xy = umap2d(unit, info.dims, {
    seed: args.seed,
    epochs: args.epochs,
    // UMAP's curve for min_dist 0.01 (spread 1): tighter clusters than the default 0.1;
    // measured by scripts/movies/layout-tune.ts (10 nearest films in a 5 x 5 window 0.222 -> 0.233 after swaps).
    a: 1.896,
    b: 0.8006,
    onProgress: (stage, done, total) => {
      if (stage === "knn") knnBar.update(done);
      else (layoutBar ??= consoleProgress("layout", total)).update(done);
    },
  });
  const umapSeconds = (Date.now() - started) / 1000;
  const t1 = Date.now();
  const grid = snapToGrid(xy, { slack: args.slack });
  const neighbourDistanceBeforeSwaps = gridNeighbourDistance(xy, grid);
  const swaps = args.swapPasses > 0 ? improveGridBySwaps(unit, info.dims, grid, { passes: args.swapPasses, radius: 2 }) : 0;
  const gridSeconds = (Date.now() - t1) / 1000;
  const t2 = Date.now();
  const clusters = sphericalKMeans(unit, info.dims, args.clusters, { seed: args.seed });
  const kmeansSeconds = (Date.now() - t2) / 1000;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = xy[2 * i];
    y[i] = xy[2 * i + 1];
  }
  const text = encodeLayout({ cols: grid.cols, rows: grid.rows, gridX: grid.gridX, gridY: grid.gridY, x, y, cluster: clusters.assignment, clusters: args.clusters });
  fs.writeFileSync(path.join(args.data, MOVIE_FILES.layout), text);
  const stats = {
    films: n,
    grid: `${grid.cols} x ${grid.rows}`,
    umapSeconds: Math.round(umapSeconds * 10) / 10,
    gridSeconds: Math.round(gridSeconds * 100) / 100,
    kmeansSeconds: Math.round(kmeansSeconds * 10) / 10,
    kmeansIterations: clusters.iterations,
    slack: args.slack,
    /** Mean grid distance (cells) from a film to its nearest 2-D neighbour, over 2,000 films; 1 is perfect. */
    gridNeighbourDistance: Math.round(gridNeighbourDistance(xy, grid) * 100) / 100,
    gridNeighbourDistanceBeforeSwaps: Math.round(neighbourDistanceBeforeSwaps * 100) / 100,
    swapPasses: args.swapPasses,
    swaps,
    /** Share of a film's 10 nearest films (cosine) within a 5 x 5 grid window, 2,000 films. */
    knn10In5x5: Math.round(neighbourhoodPreservation(unit, info.dims, grid, 10, 2) * 1000) / 1000,
    /** Mean share of a film's occupied 8 neighbour cells with the same k-means cluster. */
    clusterCoherence: Math.round(clusterCoherence(grid, clusters.assignment) * 1000) / 1000,
    bytes: Buffer.byteLength(text),
  };
  fs.writeFileSync(path.join(args.data, "layout-stats.json"), `${JSON.stringify(stats, null, 1)}\n`);
  console.log(JSON.stringify(stats));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
}
