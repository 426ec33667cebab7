/**
 * The one vector search every demo uses: k nearest neighbours by cosine or Euclidean
 * distance within a named collection, with the same SQL on PGlite and PostgreSQL 15
 * (cube contrib only, no pgvector).
 *
 * Both strategies return exactly brute force's neighbours, not an approximation. Wide
 * vectors (> 100 dims, cube's limit) get a PCA basis fitted at put time, and each row's
 * `reduced` cube holds its first 64 PCA coordinates (the vector itself up to 100 dims).
 * An orthonormal projection never lengthens a difference, so the reduced distance is a
 * lower bound of the true one: rank by the bound, compute true distances for the best
 * candidates, and stop once no remaining bound can beat the k-th true distance.
 *   - "memory": the collection (unit rows for cosine, plus the 64 coordinates) cached in
 *     this process; the bound is scanned in JS (64 instead of 768 multiply-adds a row).
 *   - "cube": candidate ids from the GiST index (`reduced <-> q`), embeddings fetched
 *     100 at a time in bound order only while they can still win; nothing cached.
 *   - "auto" = memory whenever the collection fits the cache budget (256 MB: all the
 *     demos' collections together, e.g. 10k x 768 is ~33 MB, 75k x 100 ~32 MB), else cube.
 *     Memory is ~10x faster than cube and 5-7x faster than plain brute force; cube is the
 *     fallback for a collection too big to hold, not a speed-up.
 * The cache checks the collection's version on every search (the metadata lookup every
 * search needs anyway for dims/metric: 0.3-0.4 ms p50), so a put from another process or
 * server shows at once; a TTL would save too little to be worth stale results.
 *
 * Measured with `npx tsx bench/run.ts vector-search`: 10k x 768 clustered CNN-like vectors
 * (tests/helpers/clustered-vectors.ts), 200 held-out queries, k = 10, on 2 cores shared
 * with other jobs (load average 4-5). "brute" = exact scan of the same vectors in plain
 * memory, timed alternately with each search; ratios are to that.
 *
 *   metric     strategy  backend     p50 ms  p99 ms  recall@10  p50/brute  p99/brute
 *   cosine     brute     -             11.9    28.7  1.000      1.00x      1.00x
 *   cosine     memory    PGlite         2.3     8.8  1.000      0.18x      0.46x
 *   cosine     memory    PostgreSQL     2.7    13.4  1.000      0.18x      0.25x
 *   cosine     cube      PGlite        28.4    86.0  1.000      1.68x      1.78x
 *   cosine     cube      PostgreSQL    25.4    70.8  1.000      1.47x      1.51x
 *   euclidean  brute     -             17.1    40.7  1.000      1.00x      1.00x
 *   euclidean  memory    PGlite         4.3    13.0  1.000      0.19x      0.30x
 *   euclidean  memory    PostgreSQL     3.3    13.8  1.000      0.14x      0.21x
 *   euclidean  cube      PGlite        36.1    87.8  1.000      1.49x      1.70x
 *   euclidean  cube      PostgreSQL    25.8    73.0  1.000      1.27x      1.64x
 *
 *   putVectors 10k x 768: PGlite 6.4-9.3 s, PostgreSQL 5.5 s (PCA on a 1000-row sample
 *   ~1 s of it). First memory search after a put loads the cache: PGlite 2.3-3.1 s,
 *   PostgreSQL 1.3 s.
 *
 * Measured and rejected along the way: the cube strategy fetching 200 embeddings with the
 * kNN query plus a range query when the bound was not yet beaten: p50 150-230 ms on
 * PGlite, 40-170 ms on PostgreSQL (now ids first, embeddings only while needed). 100
 * cube dimensions instead of 64: put 14.8 s vs 7.5 s on PGlite, cube p50 48 vs 32 ms.
 * bytea over the wire instead of base64 text: reading 2000 x 768 took 1.6 s vs 0.35 s
 * on PGlite.
 */
import "server-only";
export {
  putVectors,
  deleteCollection,
  getVector,
  getVectors,
  validateVector,
  collectionInfo,
  CUBE_MAX_DIMS,
  type CollectionInfo,
  type VectorInput,
} from "./store";
export { nearest, nearestToKey, resolveStrategy } from "./search";
export { clearVectorCache } from "./cache";
export {
  metricSchema,
  strategySchema,
  nearestOptionsSchema,
  nearestRequestSchema,
  nearestQueryParamsSchema,
  putOptionsSchema,
  searchHitSchema,
  vectorSchema,
  collectionNameSchema,
  MAX_K,
  MAX_DIMS,
  type Metric,
  type Strategy,
  type NearestOptions,
  type PutOptions,
  type SearchHit,
} from "./schema";
