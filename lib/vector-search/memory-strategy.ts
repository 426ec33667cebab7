// The "memory" strategy: the collection cached in this process (lib/vector-search/cache.ts),
// searched exactly by pruning with the leading PCA coordinates (see index.ts).
import "server-only";
import { notFound } from "@/lib/errors";
import type { SqlClient } from "@/lib/db";
import { bruteForceNearest, dotAt, squaredDistanceAt, squaredDistanceAt64 } from "@/lib/ml/vectors";
import { projectInto } from "@/lib/ml/pca";
import { TopK } from "@/lib/ml/top-k";
import { getSnapshot, type CollectionSnapshot } from "./cache";
import { boundWithSlack, hits } from "./ranking";
import type { ParsedNearestOptions, SearchHit } from "./schema";
import { decodeEmbedding, DEFAULT_REDUCED_DIMS, indexedForm, readCollection, readItems, readProjection, type CollectionInfo, type Projection } from "./store";

/**
 * Leading PCA coordinates the memory strategy prunes with: as many as the store keeps.
 * Measured on 10k x 768 clustered vectors: 48-64 coordinates are fastest (fewer prune too
 * little, more cost more to scan than they save); used only for vectors at least 4x wider.
 */
const MEMORY_PREFIX_DIMS = DEFAULT_REDUCED_DIMS;
/** First-round candidates by lower bound before the exactness check. */
const memoryCandidates = (k: number) => Math.max(100, 4 * k);

export function prefixDimsFor(info: CollectionInfo): number {
  return info.projected && info.dims >= 4 * MEMORY_PREFIX_DIMS ? Math.min(MEMORY_PREFIX_DIMS, info.reducedDims) : 0;
}

export function memorySnapshot(sql: SqlClient, info: CollectionInfo): Promise<CollectionSnapshot> {
  return getSnapshot(sql, info.name, info.version, () => loadSnapshot(sql, info.name));
}

/** Reads a whole collection in one consistent snapshot (the version and the rows it names). */
async function loadSnapshot(sql: SqlClient, name: string): Promise<CollectionSnapshot> {
  return sql.transaction(async (tx) => {
    // Pages are separate queries; REPEATABLE READ makes them one snapshot with the version.
    // (PGlite has one connection, so nothing can interleave there anyway.)
    if (tx.backend === "postgres") await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const info = await readCollection(tx, name);
    if (!info) throw notFound("collection_not_found", `No vector collection named "${name}".`);
    const prefixDims = prefixDimsFor(info);
    const projection = prefixDims ? await readProjection(tx, info) : null;
    const { dims, metric } = info;
    // item_count matches the rows in this snapshot; growing is only a guard against a bad count.
    let capacity = Math.max(info.itemCount, 1);
    let matrix = new Float32Array(capacity * dims);
    let coords = new Float32Array(capacity * prefixDims);
    const keys: string[] = [];
    const prefixColumn = !(prefixDims && projection)
      ? ""
      : prefixDims === info.reducedDims
        ? `reduced::text AS prefix`
        : `cube_subset(reduced, ARRAY[${Array.from({ length: prefixDims }, (_, i) => i + 1).join(",")}])::text AS prefix`;
    for await (const page of readItems(tx, name, prefixColumn)) {
      for (const row of page) {
        if (keys.length === capacity) {
          capacity *= 2;
          const bigger = new Float32Array(capacity * dims);
          bigger.set(matrix);
          matrix = bigger;
          const biggerCoords = new Float32Array(capacity * prefixDims);
          biggerCoords.set(coords);
          coords = biggerCoords;
        }
        const i = keys.length;
        const vector = decodeEmbedding(row.embedding);
        if (vector.length !== dims) throw new Error(`item "${row.key}" has ${vector.length} dims, collection "${name}" has ${dims}`);
        matrix.set(indexedForm(vector, metric), i * dims);
        if (prefixColumn) parseCubeInto(String(row.prefix), coords, i * prefixDims, prefixDims);
        keys.push(row.key);
      }
    }
    const count = keys.length;
    return {
      name,
      version: info.version,
      dims,
      metric,
      count,
      keys,
      indexOfKey: new Map(keys.map((key, i) => [key, i])),
      matrix: capacity === count ? matrix : matrix.slice(0, count * dims),
      prefix:
        prefixColumn && projection
          ? { dims: prefixDims, coords: coords.slice(0, count * prefixDims), projection }
          : null,
      scratch: { bounds: new Float64Array(count), marks: new Uint8Array(count) },
    };
  });
}

/**
 * A snapshot built from vectors already in memory (tests, benchmarks): the same layout
 * loadSnapshot reads from the database, prefix coordinates computed with `projection`.
 */
export function snapshotFromVectors(
  name: string,
  metric: CollectionInfo["metric"],
  items: { key: string; vector: Float32Array }[],
  projection: Projection | null,
): CollectionSnapshot {
  const dims = items[0]?.vector.length ?? 0;
  const count = items.length;
  const prefixDims = projection && dims >= 4 * MEMORY_PREFIX_DIMS ? Math.min(MEMORY_PREFIX_DIMS, projection.components) : 0;
  const matrix = new Float32Array(count * dims);
  const coords = new Float32Array(count * prefixDims);
  const row = new Float64Array(prefixDims);
  items.forEach(({ vector }, i) => {
    const indexed = indexedForm(vector, metric);
    matrix.set(indexed, i * dims);
    if (prefixDims) coords.set(projectInto(projection!, indexed, row, prefixDims), i * prefixDims);
  });
  const keys = items.map((item) => item.key);
  return {
    name,
    version: 0,
    dims,
    metric,
    count,
    keys,
    indexOfKey: new Map(keys.map((key, i) => [key, i])),
    matrix,
    prefix: prefixDims ? { dims: prefixDims, coords, projection: projection! } : null,
    scratch: { bounds: new Float64Array(count), marks: new Uint8Array(count) },
  };
}

/** Parses cube text "(1.5, -2, 3e-05)" into out[offset..offset+n). */
function parseCubeInto(text: string, out: Float32Array, offset: number, n: number): void {
  const parts = text.slice(1, text.indexOf(")")).split(",");
  if (parts.length !== n) throw new Error(`expected a ${n}-dimensional cube, got "${text.slice(0, 40)}..."`);
  for (let i = 0; i < n; i++) out[offset + i] = Number(parts[i]);
}

function excludedIndices(snapshot: CollectionSnapshot, excludeKeys: string[]): Set<number> | undefined {
  if (!excludeKeys.length) return undefined;
  const skip = new Set<number>();
  for (const key of excludeKeys) {
    const i = snapshot.indexOfKey.get(key);
    if (i !== undefined) skip.add(i);
  }
  return skip.size ? skip : undefined;
}

/** Exact k nearest over the snapshot; the query is in the collection's indexed form or raw (normalised here). */
export function memorySearch(snapshot: CollectionSnapshot, query: Float32Array, options: Pick<ParsedNearestOptions, "k" | "excludeKeys">): SearchHit[] {
  const q = indexedForm(query, snapshot.metric);
  const skip = excludedIndices(snapshot, options.excludeKeys);
  const found = snapshot.prefix
    ? prunedNearest(snapshot, q, options.k, skip)
    : bruteForceNearest(snapshot.matrix, snapshot.dims, q, options.k, snapshot.metric, skip);
  return hits(
    snapshot.metric,
    found.map(({ index, distance }) => ({ key: snapshot.keys[index], distance })),
  );
}

/**
 * Exact search with a lower bound: the distance between two points' leading PCA
 * coordinates never exceeds their true distance (an orthonormal projection cannot
 * lengthen a vector). So: rank everything by the cheap bound (64 instead of 768
 * multiply-adds a row), compute true distances for the best candidates, then check
 * every other row whose bound is still below the k-th true distance. The result is
 * exactly brute force's; only rows the bound cannot rule out cost a full distance.
 */
function prunedNearest(
  snapshot: CollectionSnapshot,
  q: Float32Array,
  k: number,
  skip: ReadonlySet<number> | undefined,
): { index: number; distance: number }[] {
  const { count, dims, matrix, metric } = snapshot;
  const prefix = snapshot.prefix!;
  const m = prefix.dims;
  const coords = prefix.coords;
  const qp = projectInto(prefix.projection, q, new Float64Array(m), m);

  // Squared distances in the indexed space: for unit vectors |x - q|^2 = 2 - 2 cos.
  const exactSquared = (i: number) =>
    metric === "cosine" ? Math.max(0, 2 - 2 * dotAt(q, matrix, i * dims, dims)) : squaredDistanceAt(q, matrix, i * dims, dims);

  const bounds = snapshot.scratch.bounds;
  const firstRound = new TopK(Math.min(count, memoryCandidates(k)));
  for (let i = 0; i < count; i++) {
    const b = squaredDistanceAt64(qp, coords, i * m, m);
    bounds[i] = b;
    if (b < firstRound.worst && !(skip && skip.has(i))) firstRound.offer(b, i);
  }
  const best = new TopK(Math.min(k, count));
  const marks = snapshot.scratch.marks;
  const candidates = firstRound.sorted();
  for (const { index } of candidates) {
    marks[index] = 1;
    best.offer(exactSquared(index), index);
  }
  const lastCandidateBound = candidates.length ? candidates[candidates.length - 1].distance : Infinity;
  let limit = boundWithSlack(best.worst);
  if (candidates.length === firstRound.k && lastCandidateBound <= limit) {
    // Some rows outside the first round could still beat the k-th: check exactly those.
    for (let i = 0; i < count; i++) {
      if (bounds[i] <= limit && !marks[i] && !(skip && skip.has(i))) {
        best.offer(exactSquared(i), i);
        limit = boundWithSlack(best.worst);
      }
    }
  }
  for (const { index } of candidates) marks[index] = 0;
  return best
    .sorted()
    .map(({ index, distance }) => ({ index, distance: metric === "cosine" ? distance / 2 : Math.sqrt(distance) }));
}
