import { describe, expect, it } from "vitest";
import { bruteForceNearest, centreRows, cosineSimilarity, distance, dot, euclideanDistance, norm, normalise, scoreFromDistance } from "@/lib/ml/vectors";
import { createRng } from "@/lib/ml/rng";
import { decodeFloat32, decodeProjection, encodeFloat32, encodeProjection } from "@/lib/vector-search/bytes";
import { fitPca, project, symmetricEigen } from "@/lib/ml/pca";
import { TopK, topKSmallest } from "@/lib/ml/top-k";

describe("vector math", () => {
  it("computes dot, norm, cosine and Euclidean distance", () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
    expect(euclideanDistance([0, 0], [3, 4])).toBe(5);
    expect(distance("cosine", [1, 0], [0, 1])).toBeCloseTo(1, 12);
    expect(distance("euclidean", [1, 1], [1, 1])).toBe(0);
    expect(() => dot([1], [1, 2])).toThrow(/dimension mismatch/);
  });

  it("normalises to unit length and leaves the zero vector alone", () => {
    const v = normalise([3, 4]);
    expect(v).toBeInstanceOf(Float32Array);
    expect(Array.from(v)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(norm(normalise(new Float32Array([1e-20, 2e-20, 0])))).toBeCloseTo(1, 6);
    expect(Array.from(normalise([0, 0, 0]))).toEqual([0, 0, 0]);
  });

  it("turns distances into scores where higher is better", () => {
    expect(scoreFromDistance("cosine", 0.25)).toBe(0.75);
    expect(scoreFromDistance("euclidean", 0)).toBe(1);
    expect(scoreFromDistance("euclidean", 3)).toBe(0.25);
  });
});

describe("top-k selection", () => {
  it("matches a full sort on random data, including k > n and k = 0", () => {
    const rng = createRng(42);
    for (const [n, k] of [
      [1000, 10],
      [50, 50],
      [7, 20],
      [100, 0],
      [1, 1],
    ]) {
      const values = Array.from({ length: n }, () => rng.next());
      const expected = values
        .map((distance, index) => ({ index, distance }))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, k);
      expect(topKSmallest(values, k)).toEqual(expected);
    }
  });

  it("keeps ties deterministic and reports the entry bar", () => {
    const heap = new TopK(3);
    expect(heap.worst).toBe(Infinity);
    for (const [d, i] of [
      [5, 0],
      [1, 1],
      [5, 2],
      [3, 3],
      [1, 4],
    ]) heap.offer(d, i);
    expect(heap.count).toBe(3);
    expect(heap.worst).toBe(3);
    expect(heap.sorted()).toEqual([
      { index: 1, distance: 1 },
      { index: 4, distance: 1 },
      { index: 3, distance: 3 },
    ]);
    expect(() => new TopK(-1)).toThrow();
  });

  it("brute force finds the exact neighbours for both metrics and skips excluded rows", () => {
    const rng = createRng(7);
    const dims = 16;
    const rows = 300;
    const vectors = Array.from({ length: rows }, () => Float32Array.from({ length: dims }, () => rng.gaussian()));
    const query = Float32Array.from({ length: dims }, () => rng.gaussian());
    for (const metric of ["cosine", "euclidean"] as const) {
      const stored = metric === "cosine" ? vectors.map(normalise) : vectors;
      const matrix = new Float32Array(rows * dims);
      stored.forEach((v, i) => matrix.set(v, i * dims));
      const q = metric === "cosine" ? normalise(query) : query;
      const expected = vectors
        .map((v, index) => ({ index, distance: distance(metric, query, v) }))
        .sort((a, b) => a.distance - b.distance);
      const found = bruteForceNearest(matrix, dims, q, 5, metric);
      expect(found.map((f) => f.index)).toEqual(expected.slice(0, 5).map((e) => e.index));
      found.forEach((f, i) => expect(f.distance).toBeCloseTo(expected[i].distance, 5));
      const skip = new Set([expected[0].index, expected[2].index]);
      const withoutSkipped = bruteForceNearest(matrix, dims, q, 3, metric, skip).map((f) => f.index);
      expect(withoutSkipped).toEqual([expected[1].index, expected[3].index, expected[4].index]);
    }
  });
});

describe("seeded random numbers", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("draws roughly standard normal values", () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 20_000 }, () => rng.gaussian());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
  });
});

describe("float32 bytes", () => {
  it("round-trips through Uint8Array and through a Buffer at an odd offset", () => {
    const values = Float32Array.from([0, -1.5, 3.4028234663852886e38, 1e-45, Math.PI, -0]);
    const bytes = encodeFloat32(values);
    expect(bytes.byteLength).toBe(24);
    // Little-endian: 1.0f is 00 00 80 3f.
    expect(Array.from(encodeFloat32(Float32Array.from([1])))).toEqual([0, 0, 0x80, 0x3f]);
    expect(Array.from(decodeFloat32(bytes))).toEqual(Array.from(values));
    // node-postgres hands out Buffers that may sit at any offset of a shared pool.
    const pool = Buffer.alloc(bytes.byteLength + 3);
    Buffer.from(bytes).copy(pool, 3);
    const odd = pool.subarray(3);
    expect(odd.byteOffset % 4).not.toBe(0);
    expect(Array.from(decodeFloat32(odd))).toEqual(Array.from(values));
    expect(Array.from(decodeFloat32(Buffer.from(Buffer.from(bytes).toString("base64"), "base64")))).toEqual(Array.from(values));
  });

  it("encodes a subarray view without its neighbours and rejects truncated data", () => {
    const big = Float32Array.from([1, 2, 3, 4]);
    expect(Array.from(decodeFloat32(encodeFloat32(big.subarray(1, 3))))).toEqual([2, 3]);
    expect(() => decodeFloat32(new Uint8Array(7))).toThrow(/multiple of 4/);
  });
});

describe("PCA", () => {
  /** Points on a planted r-dimensional subspace of R^d, plus a little isotropic noise. */
  function plantedData(rows: number, dims: number, rank: number, noise: number, seed: number) {
    const rng = createRng(seed);
    // A random orthonormal basis of the subspace (Gram-Schmidt on Gaussian vectors).
    const basis: Float64Array[] = [];
    while (basis.length < rank) {
      const v = Float64Array.from({ length: dims }, () => rng.gaussian());
      for (const b of basis) {
        const d = b.reduce((s, x, i) => s + x * v[i], 0);
        for (let i = 0; i < dims; i++) v[i] -= d * b[i];
      }
      const n = Math.hypot(...v);
      basis.push(v.map((x) => x / n));
    }
    const offset = Float64Array.from({ length: dims }, () => 5 * rng.gaussian());
    const data = new Float32Array(rows * dims);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < rank; c++) {
        const coefficient = (rank - c) * rng.gaussian(); // decreasing variances: rank^2, ..., 1
        for (let j = 0; j < dims; j++) data[r * dims + j] += coefficient * basis[c][j];
      }
      for (let j = 0; j < dims; j++) data[r * dims + j] += offset[j] + noise * rng.gaussian();
    }
    return { data, basis, offset };
  }

  it("recovers a planted low-rank subspace, in order of variance, with orthonormal components", () => {
    const dims = 60;
    const rank = 5;
    const { data, basis, offset } = plantedData(800, dims, rank, 0.05, 11);
    const pca = fitPca(data, dims, rank, { seed: 1 });
    expect(pca.components).toBe(rank);
    // Orthonormal rows.
    for (let a = 0; a < rank; a++) {
      for (let b = 0; b < rank; b++) {
        const d = dot(pca.basis.subarray(a * dims, (a + 1) * dims), pca.basis.subarray(b * dims, (b + 1) * dims));
        expect(d).toBeCloseTo(a === b ? 1 : 0, 4);
      }
    }
    // Each planted direction lies (almost) entirely in the fitted span.
    for (const b of basis) {
      let inSpan = 0;
      for (let c = 0; c < rank; c++) inSpan += dot(b, pca.basis.subarray(c * dims, (c + 1) * dims)) ** 2;
      expect(inSpan).toBeGreaterThan(0.999);
    }
    // The leading component is the highest-variance planted direction.
    expect(Math.abs(dot(basis[0], pca.basis.subarray(0, dims)))).toBeGreaterThan(0.99);
    for (let c = 1; c < rank; c++) expect(pca.variances[c]).toBeLessThanOrEqual(pca.variances[c - 1]);
    expect(pca.variances[0]).toBeCloseTo(rank * rank, -0.5);
    // The mean is the planted offset, and the planted subspace explains nearly everything.
    for (let j = 0; j < dims; j++) expect(pca.mean[j]).toBeCloseTo(offset[j], 0);
    const explained = pca.variances.reduce((s, v) => s + v, 0) / pca.totalVariance;
    expect(explained).toBeGreaterThan(0.99);
  });

  it("is deterministic for a seed, and projection is a contraction (the search's lower bound)", () => {
    const dims = 40;
    const { data } = plantedData(300, dims, 8, 0.5, 5);
    const a = fitPca(data, dims, 6, { seed: 9 });
    const b = fitPca(data, dims, 6, { seed: 9 });
    expect(Array.from(a.basis)).toEqual(Array.from(b.basis));
    const rng = createRng(1);
    for (let trial = 0; trial < 200; trial++) {
      const i = rng.int(300);
      const j = rng.int(300);
      const x = data.subarray(i * dims, (i + 1) * dims);
      const y = data.subarray(j * dims, (j + 1) * dims);
      const projected = euclideanDistance(project(a, x), project(a, y));
      expect(projected).toBeLessThanOrEqual(euclideanDistance(x, y) * (1 + 1e-6) + 1e-9);
    }
  });

  it("copes with fewer rows than components and serialises the projection", () => {
    const dims = 12;
    const { data } = plantedData(4, dims, 2, 0.01, 3);
    const pca = fitPca(data, dims, 8, { seed: 2 });
    expect(pca.components).toBe(8);
    for (const v of pca.basis) expect(Number.isFinite(v)).toBe(true);
    const restored = decodeProjection(encodeProjection(pca), dims, 8);
    expect(Array.from(restored.mean)).toEqual(Array.from(pca.mean));
    expect(Array.from(restored.basis)).toEqual(Array.from(pca.basis));
    expect(() => decodeProjection(encodeProjection(pca), dims, 7)).toThrow(/expected/);
  });

  it("diagonalises a symmetric matrix", () => {
    const m = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const { values, vectors } = symmetricEigen(m, 3);
    for (let e = 0; e < 3; e++) {
      // m v = lambda v
      for (let i = 0; i < 3; i++) {
        let mv = 0;
        for (let j = 0; j < 3; j++) mv += m[i * 3 + j] * vectors[j * 3 + e];
        expect(mv).toBeCloseTo(values[e] * vectors[i * 3 + e], 8);
      }
    }
    expect([...values].reduce((s, v) => s + v, 0)).toBeCloseTo(12, 8);
  });
});

describe("centreRows", () => {
  it("subtracts the mean row, leaving rows whose mean is zero and whose differences are unchanged", () => {
    const m = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const c = centreRows(m, 3);
    expect(Array.from(c)).toEqual([-3, -3, -3, 0, 0, 0, 3, 3, 3]);
    expect(Array.from(m)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]); // input untouched
  });

  it("spreads cosines of vectors that share a common direction", () => {
    const m = Float32Array.from([5, 1, 0, 5, 0, 1, 5, -1, 0, 5, 0, -1]);
    const cos = (v: Float32Array, a: number, b: number) => cosineSimilarity(v.subarray(a * 3, a * 3 + 3), v.subarray(b * 3, b * 3 + 3));
    expect(cos(m, 0, 2)).toBeGreaterThan(0.9);
    expect(cos(centreRows(m, 3), 0, 2)).toBeCloseTo(-1, 6);
  });
});
