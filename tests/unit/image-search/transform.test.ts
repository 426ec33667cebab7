import { describe, expect, it } from "vitest";
import { applyTransform, applyTransformRows, decodeTransform, encodeTransform, expandQuery, fitWhitening, plainCosine, powerNormalise, type TransformManifest } from "@/lib/image-search/core/transform";

let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const dims = 24;
const rows = 400;
// Non-negative, correlated, unevenly scaled data like relu activations.
const data = new Float32Array(rows * dims).map((_, i) => {
  const j = i % dims;
  return Math.max(0, rand() * (1 + j) + (j % 3 === 0 ? 2 * rand() : 0));
});
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

describe("search-space transform", () => {
  it("whitening rows are orthogonal, and without shrinkage the fitted data has unit variance along each", () => {
    const t = fitWhitening(data, dims, { power: 1, outDims: 8, shrinkage: 0, queryExpansion: 0 });
    const row = (k: number) => t.matrix.subarray(k * dims, (k + 1) * dims);
    for (let a = 0; a < 8; a++) for (let b = a + 1; b < 8; b++) expect(Math.abs(dot(row(a), row(b))) / Math.sqrt(dot(row(a), row(a)) * dot(row(b), row(b)))).toBeLessThan(1e-4);
    // Variance of the whitened (not yet re-normalised) coordinates = 1.
    for (let k = 0; k < 8; k++) {
      let s = 0;
      for (let r = 0; r < rows; r++) {
        const p = powerNormalise(data.subarray(r * dims, (r + 1) * dims), 1);
        let c = 0;
        for (let j = 0; j < dims; j++) c += (p[j] - t.mean[j]) * t.matrix[k * dims + j];
        s += c * c;
      }
      expect(s / rows).toBeCloseTo(1, 2);
    }
  });

  it("full-rank whitening without shrinkage is invertible: distinct inputs stay distinct, outputs are unit length", () => {
    const t = fitWhitening(data, dims, { power: 0.5, outDims: dims, shrinkage: 0, queryExpansion: 0 });
    const a = applyTransform(t, data.subarray(0, dims));
    const b = applyTransform(t, data.subarray(dims, 2 * dims));
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeLessThan(0.999);
    // W has full rank: its Gram matrix W W^T is diagonal with positive entries.
    for (let k = 0; k < dims; k++) expect(dot(t.matrix.subarray(k * dims, (k + 1) * dims), t.matrix.subarray(k * dims, (k + 1) * dims))).toBeGreaterThan(0);
  });

  it("transforming many rows at once gives exactly the per-vector result (seed time = query time)", () => {
    const t = fitWhitening(data, dims, { power: 1, outDims: 10, shrinkage: 1, queryExpansion: 0 });
    const some = data.subarray(0, 37 * dims);
    const all = applyTransformRows(t, some);
    for (let r = 0; r < 37; r++) expect(Array.from(all.subarray(r * 10, (r + 1) * 10))).toEqual(Array.from(applyTransform(t, some.subarray(r * dims, (r + 1) * dims))));
  });

  it("plain cosine is L2 normalisation only; power normalisation keeps signs", () => {
    const v = [3, 4, 0];
    expect(Array.from(applyTransform(plainCosine(3), v))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0]);
    const p = powerNormalise([-4, 9], 0.5);
    expect(p[0]).toBeCloseTo(-2 / Math.sqrt(13), 6);
    expect(p[1]).toBeCloseTo(3 / Math.sqrt(13), 6);
    expect(() => applyTransform(plainCosine(3), [1, 2])).toThrow();
  });

  it("query expansion with no neighbours is the identity; with some it averages and normalises", () => {
    const q = Float32Array.from([0.6, 0.8, 0]);
    expect(Array.from(expandQuery(q, []))).toEqual(Array.from(q));
    const e = expandQuery(q, [[0, 0, 1]]);
    expect(dot(e, e)).toBeCloseTo(1, 6);
    expect(e[2]).toBeCloseTo(1 / Math.sqrt(2), 6);
    expect(() => expandQuery(q, [[1, 2]])).toThrow();
  });

  it("round-trips through its float16 file within float16 precision", () => {
    const t = fitWhitening(data, dims, { power: 0.5, outDims: 6, shrinkage: 1, queryExpansion: 2 });
    const manifest = { power: 0.5, inDims: dims, outDims: 6, queryExpansion: 2 } as TransformManifest;
    const back = decodeTransform(manifest, encodeTransform(t));
    expect(back.queryExpansion).toBe(2);
    const x = data.subarray(5 * dims, 6 * dims);
    expect(dot(applyTransform(back, x), applyTransform(t, x))).toBeGreaterThan(0.9999);
  });
});
