/**
 * Chooses the reverse image search's search space on a dev split and writes it:
 *   npx tsx --conditions=react-server scripts/image-search/tune.ts [--write]
 *
 * Every photo is in the collection; a query never finds itself nor its Faces twin
 * (./loo.ts). Dev queries = the held-out photos of the calibration half plus every 4th
 * indexed photo (ranked by id); the held-out test half is never looked at here. Candidates
 * (power normalisation, PCA whitening fitted on all 5,575 photos - unsupervised, no labels -
 * with shrinkage, average query expansion) are scored by precision@5 on the dev queries, as
 * ratios to plain cosine; the best is written to data/image-search/transform.json +
 * transform.f16 (float16: row 0 = mean, then the whitening rows). Same input -> same bytes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { assignHalves } from "@/lib/image-search/core/calibration";
import { encodeTransform, fitWhitening, plainCosine, type EmbeddingTransform, type TransformManifest } from "@/lib/image-search/core/transform";
import { loadImageIndex } from "@/lib/image-search/server/load";
import { looRankings, precisionAt, searchSpace } from "./loo";

interface Candidate {
  power: number;
  outDims: number;
  shrinkage: number;
  queryExpansion: number;
}

const CANDIDATES: Candidate[] = [
  { power: 1, outDims: 0, shrinkage: 0, queryExpansion: 0 }, // plain cosine (baseline)
  { power: 0.5, outDims: 0, shrinkage: 0, queryExpansion: 0 },
  { power: 1, outDims: 0, shrinkage: 0, queryExpansion: 2 },
  { power: 1, outDims: 256, shrinkage: 0.1, queryExpansion: 0 },
  { power: 1, outDims: 256, shrinkage: 1, queryExpansion: 0 },
  { power: 1, outDims: 256, shrinkage: 1, queryExpansion: 1 },
  { power: 1, outDims: 256, shrinkage: 1, queryExpansion: 2 },
  { power: 1, outDims: 256, shrinkage: 1, queryExpansion: 3 },
  { power: 0.5, outDims: 256, shrinkage: 1, queryExpansion: 2 },
  { power: 1, outDims: 128, shrinkage: 1, queryExpansion: 2 },
];

const name = (c: Candidate) =>
  [c.power === 1 ? "" : `power ${c.power}`, c.outDims ? `whiten ${c.outDims} (shrinkage ${c.shrinkage})` : "", c.queryExpansion ? `QE ${c.queryExpansion}` : ""]
    .filter(Boolean)
    .join(" + ") || "plain cosine";

async function main(args: string[]) {
  const started = Date.now();
  const index = await loadImageIndex(path.resolve("data/image-search"));
  const { photos, dim, vectors } = index;
  const halves = assignHalves(photos);
  const indexed = photos.flatMap((p, i) => (p.split === "index" ? [i] : [])).sort((a, b) => (photos[a].id < photos[b].id ? -1 : 1));
  const dev = [
    ...photos.flatMap((p, i) => (p.split === "query" && halves.get(p.id) === "calibration" ? [i] : [])),
    ...indexed.filter((_, j) => j % 4 === 0),
  ];
  console.log(`dev queries: ${dev.length} (held-out calibration half + every 4th indexed photo); collection ${photos.length}`);
  const fits = new Map<string, EmbeddingTransform>();
  const results: { candidate: Candidate; p1: number; p5: number; p10: number; ms: number }[] = [];
  for (const c of CANDIDATES) {
    const t = Date.now();
    const key = `${c.power}/${c.outDims}/${c.shrinkage}`;
    if (!fits.has(key)) fits.set(key, c.outDims ? fitWhitening(vectors, dim, c) : { ...plainCosine(dim), power: c.power });
    const transform = { ...fits.get(key)!, queryExpansion: c.queryExpansion };
    const rankings = looRankings(searchSpace(transform, vectors), photos, dev, 10, c.queryExpansion);
    const r = { candidate: c, p1: precisionAt(photos, dev, rankings, 1), p5: precisionAt(photos, dev, rankings, 5), p10: precisionAt(photos, dev, rankings, 10), ms: Date.now() - t };
    results.push(r);
    console.log(`${name(c)}: P@1 ${r.p1.toFixed(3)} P@5 ${r.p5.toFixed(3)} P@10 ${r.p10.toFixed(3)} (${r.ms} ms)`);
  }
  const base = results[0];
  const best = [...results].sort((a, b) => b.p5 - a.p5 || a.candidate.outDims - b.candidate.outDims)[0];
  console.log("\n| search space (dev queries) | P@1 | P@5 | P@10 | P@5 / plain cosine |\n|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${name(r.candidate)}${r === best ? " **(chosen)**" : ""} | ${r.p1.toFixed(3)} | ${r.p5.toFixed(3)} | ${r.p10.toFixed(3)} | ${(r.p5 / base.p5).toFixed(3)} |`);
  }
  console.log(`\nwhole run ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (args.includes("--write")) {
    const c = best.candidate;
    const transform = { ...fits.get(`${c.power}/${c.outDims}/${c.shrinkage}`)!, queryExpansion: c.queryExpansion };
    const bytes = encodeTransform(transform);
    const manifest: TransformManifest = {
      version: 1,
      description:
        "Search space of the reverse image search (lib/image-search/core/transform.ts): sign(x)|x|^power, L2, minus mean, times the whitening rows, L2; then average query expansion over the best queryExpansion photos. Written by scripts/image-search/tune.ts.",
      power: transform.power,
      inDims: transform.inDims,
      outDims: transform.outDims,
      shrinkage: c.shrinkage,
      queryExpansion: c.queryExpansion,
      file: "transform.f16",
      encoding: "float16",
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      fit: {
        data: `${index.manifest.dataset}, all ${photos.length} photos of data/image-search/photos.json (no labels used for the PCA)`,
        dev: "held-out query photos of the calibration half + every 4th indexed photo by id; leave-one-out (the query and its Faces twin excluded); the test half never used",
        devQueries: dev.length,
        candidates: results.map((r) => ({ search: name(r.candidate), p1: +r.p1.toFixed(4), p5: +r.p5.toFixed(4), p10: +r.p10.toFixed(4) })),
      },
    };
    fs.writeFileSync(path.resolve("data/image-search/transform.f16"), bytes);
    fs.writeFileSync(path.resolve("data/image-search/transform.json"), JSON.stringify(manifest, null, 2) + "\n");
    console.log(`wrote data/image-search/transform.json + transform.f16 (${bytes.length} bytes): ${name(c)}`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
