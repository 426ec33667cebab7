import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { RADIO_DATA_DIR, RADIO_FILES, loadRadioData } from "@/lib/radio/pipeline/files";

// The shipped data/radio/ files (written by `npm run radio:train`) agree with the schema and each other.
describe("data/radio files", () => {
  const { songs, tags, vectors } = loadRadioData(RADIO_DATA_DIR);
  const model = JSON.parse(fs.readFileSync(path.join(RADIO_DATA_DIR, RADIO_FILES.model), "utf8")) as {
    word2vec: { dims: number };
    corpus: { vocabulary: number; heldOutPlaylists: number };
    holdout: { playlists: number[] };
    heldOut: { precisionAt50: number; popularityPrecisionAt50: number };
  };

  it("has one unit float16 vector per song", () => {
    expect(songs.songs.length).toBeGreaterThan(1000);
    expect(vectors.length).toBe(songs.songs.length * songs.dims);
    for (const r of [0, 1, Math.floor(songs.songs.length / 2), songs.songs.length - 1]) {
      let n = 0;
      for (let d = 0; d < songs.dims; d++) n += vectors[r * songs.dims + d] ** 2;
      expect(Math.sqrt(n)).toBeCloseTo(1, 2);
    }
  });

  it("lists songs most played first, ids and aliases unique, map positions in [0, 1]", () => {
    const ids = new Set<number>();
    let previous = Infinity;
    const problems: string[] = [];
    for (const s of songs.songs) {
      if (s.plays > previous) problems.push(`${s.id} out of order`);
      previous = s.plays;
      for (const id of [s.id, ...s.aliases]) {
        if (ids.has(id)) problems.push(`${id} twice`);
        ids.add(id);
      }
      if (s.aliases.some((a) => a <= s.id)) problems.push(`${s.id} has a lower alias`);
      if (!(s.x >= 0 && s.x <= 1 && s.y >= 0 && s.y <= 1)) problems.push(`${s.id} off the map`);
      if (s.title.includes("\\/") || s.title === "-" || s.title === "") problems.push(`${s.id} title ${s.title}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("predicts only tags that have a classifier, at or above their threshold", () => {
    const byTag = new Map(tags.tags.map((t) => [t.tag, t]));
    let predicted = 0;
    const problems: string[] = [];
    for (const s of songs.songs) {
      for (const p of s.predictedTags) {
        const t = byTag.get(p.tag);
        if (!t || t.auc === null || t.threshold === null || p.p < t.threshold - 0.01) problems.push(`${s.id} predicted ${p.tag} ${p.p}`);
        if (s.tags.includes(p.tag)) problems.push(`${s.id} predicted its own tag ${p.tag}`);
        predicted++;
      }
      for (const t of s.tags) if (!byTag.has(t)) problems.push(`${s.id} unknown tag ${t}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(predicted).toBeGreaterThan(0);
    const coloured = tags.tags.filter((t) => t.colour !== null);
    expect(coloured.length).toBeGreaterThanOrEqual(5);
    expect(new Set(coloured.map((t) => t.colour)).size).toBe(coloured.length);
  });

  it("model.json matches the files and records the held-out playlists and metrics", () => {
    expect(model.word2vec.dims).toBe(songs.dims);
    expect(model.corpus.vocabulary).toBe(songs.songs.length);
    expect(model.holdout.playlists).toHaveLength(model.corpus.heldOutPlaylists);
    expect(model.heldOut.precisionAt50).toBeGreaterThan(model.heldOut.popularityPrecisionAt50);
  });
});
