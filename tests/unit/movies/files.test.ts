import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { MOVIE_FILES, loadMovieData, saveLinkData, saveVectors } from "@/lib/movies/pipeline/files";
import { encodeLayout } from "@/lib/movies/core/format";
import { buildFromSource } from "@/lib/movies/pipeline/raw";
import { pairsOf, trainEmbedding } from "@/lib/ml/embedding/trainer";
import { normaliseRows } from "@/lib/ml/vectors";
import { filmsForLink, linksForFilm, recommendFilms, searchFilms } from "@/lib/movies/pipeline/recommend";
import { snapToGrid, sphericalKMeans, umap2d } from "@/lib/ml/layout/layout";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/movies");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "movies-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("data/movies files end to end on the fixture", () => {
  it("builds, trains, lays out, saves and loads back everything a page needs", () => {
    const { data } = buildFromSource({ folder: path.join(FIXTURES, "raw") }, { minFilmsPerLink: 2, minLinksPerFilm: 1 });
    saveLinkData(data, dir);
    const dims = 8;
    const { model } = trainEmbedding(pairsOf(data.filmLinks), data.films.length, data.links.length, { dims, epochs: 20, batchSize: 8, seed: 1 });
    const unit = normaliseRows(model.filmVectors, dims);
    saveVectors(MOVIE_FILES.filmVectors, unit, dir);
    saveVectors(MOVIE_FILES.linkVectors, normaliseRows(model.linkVectors, dims), dir);
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

    const alien = loaded.films.findIndex((f) => f.title === "Alien (film)");
    const similar = recommendFilms(loaded.filmVectors, dims, alien, 3);
    expect(similar).toHaveLength(3);
    expect(similar.map((s) => s.index)).not.toContain(alien);
    expect(similar[0].score).toBeGreaterThanOrEqual(similar[2].score);
    expect(linksForFilm(loaded.filmVectors, loaded.linkVectors, dims, alien, 2)).toHaveLength(2);
    expect(filmsForLink(loaded.filmVectors, loaded.linkVectors, dims, 0, 2)).toHaveLength(2);
  });

  it("searches titles best known first, ignoring case and a leading article", () => {
    const films = [
      { title: "Aliens (film)", displayTitle: "Aliens", year: 1986, genres: [], thumbnail: null, popularity: 5 },
      { title: "Alien (film)", displayTitle: "Alien", year: 1979, genres: [], thumbnail: null, popularity: 9 },
      { title: "The Alienist", displayTitle: "The Alienist", year: 2000, genres: [], thumbnail: null, popularity: 1 },
      { title: "Predator vs Alien", displayTitle: "Predator vs Alien", year: 2004, genres: [], thumbnail: null, popularity: 50 },
    ];
    expect(searchFilms(films, "alien")).toEqual([1, 0, 2, 3]);
    expect(searchFilms(films, "the ALIENS")).toEqual([0]);
    expect(searchFilms(films, "  ")).toEqual([]);
  });
});
