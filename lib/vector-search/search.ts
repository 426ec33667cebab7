import "server-only";
import { badRequest, describeZodError, notFound } from "@/lib/api/errors";
import type { SqlClient } from "@/lib/db";
import { bruteForceNearest, dotAt, scoreFromDistance, squaredDistanceAt, squaredDistanceAt64 } from "@/lib/ml/vectors";
import { projectInto } from "@/lib/ml/pca";
import { TopK } from "@/lib/ml/top-k";
import {
  estimateSnapshotBytes,
  fitsInCache,
  getSnapshot,
  type CollectionSnapshot,
} from "./cache";
import { nearestOptionsSchema, type NearestOptions, type ParsedNearestOptions, type SearchHit, type Strategy } from "./schema";
import {
  decodeEmbedding,
  EMBEDDING_AS_BASE64,
  getVector,
  indexedForm,
  parseCollectionName,
  readCollection,
  readItems,
  readProjection,
  reducedCoordinates,
  validateVector,
  type CollectionInfo,
  type Projection,
  type VectorDb,
} from "./store";

/**
 * Leading PCA coordinates the memory strategy prunes with. Measured on 10k x 768
 * clustered vectors: 48-64 coordinates are fastest (fewer prune too little, more cost
 * more to scan than they save), so 64; used only for vectors at least 4x wider.
 */
const MEMORY_PREFIX_DIMS = 64;
/** First-round candidates by lower bound before the exactness check (memory strategy). */
const memoryCandidates = (k: number) => Math.max(100, 4 * k);
/** Candidate ids (and bounds) read from the GiST index per search (cube strategy). */
const cubeCandidates = (k: number) => Math.max(1000, 20 * k);
/** Embeddings fetched for the first re-rank round, then per further round. */
const CUBE_FIRST_FETCH = (k: number) => Math.max(100, 4 * k);
const CUBE_NEXT_FETCH = 100;
/**
 * Slack on the lower bound: projections use a float32 basis (orthonormal to ~1e-7), so a
 * projected distance may exceed the true one by a hair; a bound must never cut a true neighbour.
 */
const boundWithSlack = (squared: number) => squared * (1 + 1e-5) + 1e-9;

function parseOptions(options: NearestOptions | undefined): ParsedNearestOptions {
  const parsed = nearestOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw badRequest("invalid_options", describeZodError(parsed.error));
  return parsed.data;
}

async function requireCollection(sql: SqlClient, name: string, options: ParsedNearestOptions): Promise<CollectionInfo> {
  const info = await readCollection(sql, name);
  if (!info) throw notFound("collection_not_found", `No vector collection named "${name}".`);
  if (options.metric && options.metric !== info.metric) {
    throw badRequest("metric_mismatch", `Collection "${name}" is indexed for ${info.metric} distance, not ${options.metric}.`);
  }
  return info;
}

function prefixDimsFor(info: CollectionInfo): number {
  return info.projected && info.dims >= 4 * MEMORY_PREFIX_DIMS ? Math.min(MEMORY_PREFIX_DIMS, info.reducedDims) : 0;
}

/** "auto": memory while the collection fits the cache budget (it is several times faster, see index.ts), else cube. */
export function resolveStrategy(info: CollectionInfo, requested: Strategy): "memory" | "cube" {
  if (requested !== "auto") return requested;
  return fitsInCache(estimateSnapshotBytes(info.itemCount, info.dims, prefixDimsFor(info))) ? "memory" : "cube";
}

/** The k nearest items of the collection to `query`, best first. */
export async function nearest(
  db: VectorDb,
  collection: string,
  query: Float32Array | number[],
  options?: NearestOptions,
): Promise<SearchHit[]> {
  const name = parseCollectionName(collection);
  const parsed = parseOptions(options);
  const info = await requireCollection(db.sql, name, parsed);
  const vector = validateVector(query, info.dims, info.metric, "Query vector");
  return run(db.sql, info, vector, parsed);
}

/** The k nearest items to the item `key` of the collection (the item itself excluded). */
export async function nearestToKey(
  db: VectorDb,
  collection: string,
  key: string,
  options?: NearestOptions,
): Promise<SearchHit[]> {
  const name = parseCollectionName(collection);
  const parsed = parseOptions(options);
  const info = await requireCollection(db.sql, name, parsed);
  const withoutSelf = { ...parsed, excludeKeys: [...parsed.excludeKeys, key] };
  if (resolveStrategy(info, parsed.strategy) === "memory") {
    // The cached row (normalised for cosine, which the query would be anyway) saves a round trip.
    const snapshot = await memorySnapshot(db.sql, info);
    const index = snapshot.indexOfKey.get(key);
    if (index === undefined) throw notFound("item_not_found", `No item "${key}" in collection "${name}".`);
    return memorySearch(snapshot, snapshot.matrix.subarray(index * info.dims, (index + 1) * info.dims), withoutSelf);
  }
  const vector = await getVector(db, name, key);
  if (!vector) throw notFound("item_not_found", `No item "${key}" in collection "${name}".`);
  return cubeSearch(db.sql, info, vector, withoutSelf);
}

/** Loads (or reuses) the collection's in-memory snapshot, e.g. at server start. */
export async function warmCollection(db: VectorDb, collection: string): Promise<void> {
  const name = parseCollectionName(collection);
  const info = await readCollection(db.sql, name);
  if (!info) throw notFound("collection_not_found", `No vector collection named "${name}".`);
  await memorySnapshot(db.sql, info);
}

async function run(sql: SqlClient, info: CollectionInfo, query: Float32Array, options: ParsedNearestOptions): Promise<SearchHit[]> {
  if (resolveStrategy(info, options.strategy) === "memory") {
    const snapshot = await memorySnapshot(sql, info);
    return memorySearch(snapshot, query, options);
  }
  return cubeSearch(sql, info, query, options);
}

function hits(metric: CollectionInfo["metric"], found: { key: string; distance: number }[]): SearchHit[] {
  return found.map(({ key, distance }) => ({ key, distance, score: scoreFromDistance(metric, distance) }));
}

// ---------------------------------------------------------------- memory strategy

function memorySnapshot(sql: SqlClient, info: CollectionInfo): Promise<CollectionSnapshot> {
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

// ---------------------------------------------------------------- cube strategy

const projectionCache = new WeakMap<SqlClient, Map<string, { version: number; projection: Projection | null }>>();

async function projectionFor(sql: SqlClient, info: CollectionInfo): Promise<Projection | null> {
  if (!info.projected) return null;
  let perClient = projectionCache.get(sql);
  if (!perClient) projectionCache.set(sql, (perClient = new Map()));
  const cached = perClient.get(info.name);
  if (cached && cached.version === info.version) return cached.projection;
  const projection = await readProjection(sql, info);
  perClient.set(info.name, { version: info.version, projection });
  return projection;
}

/**
 * Candidates from the GiST index on `reduced` (kNN via `<->`), re-ranked on the full
 * vectors; exact, like the memory strategy. The cube distance is a lower bound on the
 * true one, so: (1) fetch the ids and bounds of the nearest candidates by the index
 * (small rows, no embeddings); (2) fetch embeddings in bound order, a chunk at a time,
 * only while a candidate's bound is still below the k-th true distance found so far;
 * (3) if even the last candidate could still win, a range query fetches every row the
 * bound cannot rule out. Typically one index query and one or two embedding fetches.
 */
async function cubeSearch(sql: SqlClient, info: CollectionInfo, query: Float32Array, options: ParsedNearestOptions): Promise<SearchHit[]> {
  const { k, excludeKeys } = options;
  const { dims, metric } = info;
  const projection = await projectionFor(sql, info);
  const q = indexedForm(query, metric);
  const reduced = reducedCoordinates(query, metric, projection);
  if (!info.projected) {
    // The cube holds the (unit) vector itself, so its distance is the true one: no re-rank.
    const rows = await sql.query<{ key: string; distance: number }>(
      `SELECT key, reduced <-> cube($2::float8[]) AS distance FROM vector_item
       WHERE collection = $1 AND NOT (key = ANY($3::text[]))
       ORDER BY reduced <-> cube($2::float8[]) LIMIT $4`,
      [info.name, reduced, excludeKeys, k],
    );
    return hits(
      metric,
      rows.map(({ key, distance }) => ({ key, distance: metric === "cosine" ? Number(distance) ** 2 / 2 : Number(distance) })),
    );
  }
  const limit = cubeCandidates(k);
  const candidates = (
    await sql.query<{ id: number; bound: number }>(
      `SELECT id, reduced <-> cube($2::float8[]) AS bound FROM vector_item
       WHERE collection = $1 AND NOT (key = ANY($3::text[]))
       ORDER BY reduced <-> cube($2::float8[]) LIMIT $4`,
      [info.name, reduced, excludeKeys, limit],
    )
  ).map((row) => ({ id: Number(row.id), bound: Number(row.bound) }));

  const keys: string[] = [];
  const best = new TopK(k);
  // Squared distances in the indexed space (for unit vectors |x - q|^2 = 2 - 2 cos), comparable to bound^2.
  const fetchAndRank = async (ids: number[]) => {
    const rows = await sql.query<{ key: string; embedding: string }>(
      `SELECT key, ${EMBEDDING_AS_BASE64} AS embedding FROM vector_item WHERE id = ANY($1::int[])`,
      [ids],
    );
    for (const row of rows) {
      const vector = indexedForm(decodeEmbedding(row.embedding), metric);
      if (vector.length !== dims) throw new Error(`item "${row.key}" has ${vector.length} dims, collection has ${dims}`);
      const squared = metric === "cosine" ? Math.max(0, 2 - 2 * dotAt(q, vector, 0, dims)) : squaredDistanceAt(q, vector, 0, dims);
      if (squared < best.worst) best.offer(squared, keys.push(row.key) - 1);
    }
  };
  const stillPossible = (bound: number) => bound * bound <= boundWithSlack(best.worst);
  let next = 0;
  while (next < candidates.length && stillPossible(candidates[next].bound)) {
    // The first chunk fills the top k; later ones take only rows the bound cannot rule out.
    const chunk: number[] = [];
    const chunkSize = next === 0 ? CUBE_FIRST_FETCH(k) : CUBE_NEXT_FETCH;
    while (next < candidates.length && chunk.length < chunkSize && stillPossible(candidates[next].bound)) {
      chunk.push(candidates[next++].id);
    }
    await fetchAndRank(chunk);
  }
  if (next === candidates.length && candidates.length === limit && stillPossible(candidates[limit - 1].bound)) {
    // Every candidate could still win: fetch the rest of the rows within reach. The box
    // test lets GiST help; the distance test is exact.
    const radius = Math.sqrt(boundWithSlack(best.worst));
    const seen = candidates.map((c) => c.id);
    const more = await sql.query<{ id: number }>(
      `SELECT id FROM vector_item
       WHERE collection = $1 AND NOT (key = ANY($3::text[])) AND NOT (id = ANY($4::int[]))
         AND reduced <@ cube($5::float8[], $6::float8[])
         AND reduced <-> cube($2::float8[]) <= $7`,
      [info.name, reduced, excludeKeys, seen, reduced.map((x) => x - radius), reduced.map((x) => x + radius), radius],
    );
    for (let i = 0; i < more.length; i += CUBE_NEXT_FETCH) {
      await fetchAndRank(more.slice(i, i + CUBE_NEXT_FETCH).map((row) => Number(row.id)));
    }
  }
  return hits(
    metric,
    best.sorted().map(({ index, distance }) => ({
      key: keys[index],
      distance: metric === "cosine" ? distance / 2 : Math.sqrt(distance),
    })),
  );
}
