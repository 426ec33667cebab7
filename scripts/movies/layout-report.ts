// Measures the poster grid of data/movies (neighbourhood preservation, cluster
// coherence) and renders it as a PNG, one block per cell coloured by cluster.
//
//   npx tsx scripts/movies/layout-report.ts [--data data/movies] [--png out.png] [--scale 4]

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import sharp from "sharp";

import { MOVIE_FILES } from "@/lib/movies/pipeline/files";
import { decodeFloat16, decodeLayout } from "@/lib/movies/core/format";
import { clusterCoherence, gridImage, neighbourhoodPreservation } from "@/lib/movies/pipeline/layout-metrics";

async function main(argv: string[]): Promise<void> {
  let data = "data/movies";
  let png: string | null = null;
  let scale = 4;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--data") data = argv[++i];
    else if (argv[i] === "--png") png = argv[++i];
    else if (argv[i] === "--scale") scale = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const layout = decodeLayout(fs.readFileSync(path.join(data, MOVIE_FILES.layout), "utf8"));
  const info = JSON.parse(fs.readFileSync(path.join(data, MOVIE_FILES.model), "utf8")) as { dims: number };
  const unit = decodeFloat16(fs.readFileSync(path.join(data, MOVIE_FILES.filmVectors)));
  const report = {
    grid: `${layout.cols} x ${layout.rows}`,
    knn10In5x5: round(neighbourhoodPreservation(unit, info.dims, layout, 10, 2)),
    knn10In11x11: round(neighbourhoodPreservation(unit, info.dims, layout, 10, 5)),
    clusterCoherence: round(clusterCoherence(layout, layout.cluster)),
  };
  console.log(JSON.stringify(report));
  if (png) {
    const img = gridImage(layout, layout.cluster, layout.clusters, scale);
    await sharp(Buffer.from(img.rgba), { raw: { width: img.width, height: img.height, channels: 4 } }).png().toFile(png);
    console.log(`wrote ${png}`);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exitCode = 1;
  });
}
