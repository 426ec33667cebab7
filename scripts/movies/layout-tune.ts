// Compares UMAP settings for the poster grid on the current film vectors:
// neighbourhood preservation (10 nearest films within a 5 x 5 window) and
// cluster coherence after snapping (k-d split + local swaps).
//
//   npx tsx scripts/movies/layout-tune.ts '{"neighbours":15}' '{"a":0.583,"b":1.334}' ...

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { MOVIE_FILES } from "@/lib/movies/pipeline/files";
import { decodeFloat16 } from "@/lib/movies/core/format";
import { improveGridBySwaps, snapToGrid } from "@/lib/ml/layout/grid";
import { sphericalKMeans } from "@/lib/ml/layout/kmeans";
import { umap2d, type UmapOptions } from "@/lib/ml/layout/umap";
import { clusterCoherence, neighbourhoodPreservation } from "@/lib/movies/pipeline/layout-metrics";

async function main(argv: string[]): Promise<void> {
  const dir = "data/movies";
  const unit = decodeFloat16(fs.readFileSync(path.join(dir, MOVIE_FILES.filmVectors)));
  const dims = 50;
  const cluster = sphericalKMeans(unit, dims, 30, { seed: 1 }).assignment;
  for (const arg of argv.length ? argv : ["{}"]) {
    const { passes, radius, ...options } = JSON.parse(arg) as UmapOptions & { passes?: number; radius?: number };
    const t0 = Date.now();
    const xy = umap2d(unit, dims, { seed: 1, ...options });
    const seconds = (Date.now() - t0) / 1000;
    const grid = snapToGrid(xy);
    const plain = { knn: neighbourhoodPreservation(unit, dims, grid, 10, 2, 1000), coherence: clusterCoherence(grid, cluster) };
    improveGridBySwaps(unit, dims, grid, { passes: passes ?? 4, radius: radius ?? 2 });
    const swapped = { knn: neighbourhoodPreservation(unit, dims, grid, 10, 2, 1000), coherence: clusterCoherence(grid, cluster) };
    const r = (x: number) => Math.round(x * 1000) / 1000;
    console.log(JSON.stringify({ options: JSON.parse(arg) as unknown, seconds: Math.round(seconds), plain: { knn: r(plain.knn), coherence: r(plain.coherence) }, swapped: { knn: r(swapped.knn), coherence: r(swapped.coherence) } }));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
}
