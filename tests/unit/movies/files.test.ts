import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { MOVIE_FILES, loadMovieData, saveLinkData, saveVectors } from "@/lib/movies/pipeline/files";
import { encodeLayout } from "@/lib/movies/core/format";
import { buildFromSource } from "@/lib/movies/pipeline/raw";
import { pairsOf } from "@/lib/ml/embedding/pairs";
import { trainEmbedding } from "@/lib/ml/embedding/trainer";
import { normaliseRows } from "@/lib/ml/vectors";
import { snapToGrid } from "@/lib/ml/layout/grid";
import { sphericalKMeans } from "@/lib/ml/layout/kmeans";
import { umap2d } from "@/lib/ml/layout/umap";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/movies");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "movies-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("data/movies files end to end on the fixture", () => {
  it("builds, trains, lays out, saves and loads back everything a page needs", () => {
    const { data } = buildFromSource({ folder: path.join(FIXTURES, "raw") }, { minFilmsPerLink: 2, minLinksPerFilm: 1 });
    saveLinkData(data, dir);
    const dims = 8;
    const { model } = trainEmbedding(pairsOf(data.filmLinks), data.films.length, data.links.length, { dims, epochs: 20, batchSize: 8, seed: 1 });
    const unit = normaliseRows(model.rowVectors, dims);
    saveVectors(MOVIE_FILES.filmVectors, unit, dir);
    saveVectors(MOVIE_FILES.linkVectors, normaliseRows(model.contextVectors, dims), dir);
    fs.writeFileSync(path.join(dir, MOVIE_FILES.model), JSON.stringify({ version: 1, dims, films: data.films.length, links: data.links.length, dtype: "float16", normalised: true, training: {} }));
    const xy = umap2d(unit, dims, { epochs: 50, neighbours: 3 });
    const grid = snapToGrid(xy);
    const clusters = sphericalKMeans(unit, dims, 2);
    const n = data.films.length;
    fs.writeFileSync(
      path.join(dir, MOVIE_FILES.layout),
      encodeLayout({ ...grid, x: Float32Array.from({ length: n }, (_, i) => xy[2 * i]), y: Float32Array.from({ length: n }, (_, i) => xy[2 * i + 1]), cluster: clusters.assignment, clusters: 2 }),
    );

    const loaded = loadMovieData(dir);
    expect(loaded.films).toEqual(data.films);
    expect(loaded.links).toEqual(data.links);
    expect(loaded.filmLinks.map((a) => Array.from(a))).toEqual(data.filmLinks.map((a) => Array.from(a)));
    expect(loaded.dims).toBe(dims);
    for (let i = 0; i < unit.length; i++) expect(Math.abs(loaded.filmVectors[i] - unit[i])).toBeLessThan(1e-3);
    expect(loaded.layout.gridX.length).toBe(n);
  });
});
