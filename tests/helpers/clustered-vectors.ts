import { createRng } from "@/lib/ml/rng";

/**
 * Synthetic vectors shaped like CNN image embeddings (MobileNet's pooled features):
 * non-negative and sparse-ish (ReLU), lying near a low-dimensional curved manifold,
 * grouped in clusters of unequal size and spread, plus per-coordinate noise.
 * Uniform random vectors would be a poor test: in 768 dims all their distances are
 * nearly equal, PCA finds no structure, and "nearest" means nothing.
 *
 * Shared by the integration tests and the benchmark so both measure the same thing.
 */
export interface ClusteredSpaceOptions {
  dims: number;
  /** Number of cluster centres (~ object classes). */
  clusters?: number;
  /** Dimension of the latent space the ReLU map lifts into `dims`. */
  latentDims?: number;
  /** Std-dev of the per-coordinate noise added before the ReLU (manifold thickness). */
  noise?: number;
  seed?: number;
}

export interface ClusteredSpace {
  dims: number;
  /** `count` vectors from the space, deterministic for a given seed. */
  sample(count: number, seed: number): { vectors: Float32Array[]; clusterOf: Int32Array };
}

export function clusteredSpace(options: ClusteredSpaceOptions): ClusteredSpace {
  const { dims, clusters = 100, latentDims = 48, noise = 0.4, seed = 1 } = options;
  const rng = createRng(seed);
  // Mixing matrix (dims x latent) and biases: ReLU(A z + b) is the manifold.
  const mixing = new Float32Array(dims * latentDims);
  for (let i = 0; i < mixing.length; i++) mixing[i] = rng.gaussian() / Math.sqrt(latentDims);
  // Negative mean bias: about a third of the units fire for a typical input, as in CNNs.
  const bias = new Float32Array(dims);
  for (let j = 0; j < dims; j++) bias[j] = -0.4 + 0.3 * rng.gaussian();
  const centres: Float32Array[] = [];
  const spreads: number[] = [];
  const weights: number[] = [];
  for (let c = 0; c < clusters; c++) {
    const centre = new Float32Array(latentDims);
    for (let i = 0; i < latentDims; i++) centre[i] = rng.gaussian();
    centres.push(centre);
    spreads.push(0.2 + 0.3 * rng.next());
    weights.push(1 / Math.sqrt(c + 1)); // a few big classes, a long tail of small ones
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));

  return {
    dims,
    sample(count, sampleSeed) {
      const r = createRng(sampleSeed ^ 0x9e3779b9);
      const vectors: Float32Array[] = [];
      const clusterOf = new Int32Array(count);
      const z = new Float64Array(latentDims);
      for (let n = 0; n < count; n++) {
        const u = r.next() * sum;
        let c = 0;
        while (cumulative[c] < u) c++;
        clusterOf[n] = c;
        for (let i = 0; i < latentDims; i++) z[i] = centres[c][i] + spreads[c] * r.gaussian();
        const v = new Float32Array(dims);
        for (let j = 0; j < dims; j++) {
          let x = bias[j] + noise * r.gaussian();
          for (let i = 0; i < latentDims; i++) x += mixing[j * latentDims + i] * z[i];
          v[j] = x > 0 ? x : 0;
        }
        vectors.push(v);
      }
      return { vectors, clusterOf };
    },
  };
}
