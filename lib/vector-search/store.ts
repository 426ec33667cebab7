import "server-only";
import { describeZodError, invalidInput } from "@/lib/errors";
import type { SqlClient, SqlDb } from "@/lib/db";
import { allFinite, norm, normalise } from "@/lib/ml/vectors";
import { createRng } from "@/lib/ml/rng";
import { decodeFloat32, decodeProjection, encodeFloat32, encodeProjection } from "@/lib/vector-search/bytes";
import { fitPca, project, type Pca } from "@/lib/ml/pca";
import { collectionNameSchema, itemKeySchema, MAX_DIMS, putOptionsSchema, type Metric, type PutOptions } from "./schema";
import { forgetCollection } from "./cache";

export interface VectorInput {
  key: string;
  vector: Float32Array | number[];
}

export interface CollectionInfo {
  name: string;
  dims: number;
  metric: Metric;
  /** Coordinates in each item's `reduced` cube: all of them up to 100 dims, else PCA components. */
  reducedDims: number;
  /** Whether `reduced` is a PCA projection (dims > 100) rather than the vector itself. */
  projected: boolean;
  itemCount: number;
  /** Items there were when the projection was fitted (0 without one). */
  projectionItemCount: number;
  /** Changes on every put (from a sequence, so never reused even after a delete). */
  version: number;
  updatedAt: Date;
}

/** cube's compile-time limit (CUBE_MAX_DIM). */
export const CUBE_MAX_DIMS = 100;
/**
 * PCA components kept in the cube for wider vectors. 64 rather than cube's 100: on 10k x 768
 * it halved put time on PGlite (7.5 s vs 14.8 s) with the cube search no slower (p50 32 vs
 * 48 ms) and results exact either way. The memory strategy prunes with as many (search.ts).
 */
export const DEFAULT_REDUCED_DIMS = 64;
/** PCA is fitted on at most this many vectors: ~1 s for 768 dims, and more barely changes the basis. */
export const PCA_SAMPLE_SIZE = 1000;
const PCA_POWER_ITERATIONS = 2;
const PCA_SEED = 20261129;
/** Rows per INSERT: ~2 MB of parameters for 768-dim vectors, well under any limit. */
const INSERT_BATCH_ROWS = 500;

/**
 * Embeddings cross the wire as base64 text: PGlite converts bytea parameters and results
 * byte by byte in JS (measured: reading 2000 x 768 floats took 1.6 s as bytea, 0.35 s as
 * base64), while encode/decode run inside Postgres and Buffer's base64 is native.
 * Same SQL on both backends; PostgreSQL's line breaks in base64 are ignored by Buffer.
 */
export const EMBEDDING_AS_BASE64 = `encode(embedding, 'base64')`;

export function decodeEmbedding(base64: string): Float32Array {
  return decodeFloat32(Buffer.from(base64, "base64"));
}

function encodeEmbedding(vector: Float32Array): string {
  const bytes = encodeFloat32(vector);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Cube input text; shortest round-trip digits, so the stored doubles are exactly ours. */
function cubeLiteral(coordinates: number[]): string {
  return `(${coordinates.join(",")})`;
}

interface CollectionRow {
  name: string;
  dims: number;
  metric: string;
  reduced_dims: number;
  item_count: number;
  version: number;
  updated_at: Date | string;
  has_projection: boolean;
  projection_item_count: number;
}

const COLLECTION_COLUMNS = `name, dims, metric, reduced_dims, item_count, version, updated_at, projection IS NOT NULL AS has_projection,
  projection_item_count`;

function toInfo(row: CollectionRow): CollectionInfo {
  return {
    name: row.name,
    dims: Number(row.dims),
    metric: row.metric === "euclidean" ? "euclidean" : "cosine",
    reducedDims: Number(row.reduced_dims),
    projected: Boolean(row.has_projection),
    itemCount: Number(row.item_count),
    projectionItemCount: Number(row.projection_item_count),
    version: Number(row.version),
    updatedAt: row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at),
  };
}

export function parseCollectionName(name: unknown): string {
  const parsed = collectionNameSchema.safeParse(name);
  if (!parsed.success) throw invalidInput("invalid_collection", `Collection name: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** The collection's metadata, or null when it does not exist. One primary-key lookup. */
export async function collectionInfo(db: SqlDb, collection: string): Promise<CollectionInfo | null> {
  const name = parseCollectionName(collection);
  return readCollection(db.sql, name);
}

export async function readCollection(sql: SqlClient, name: string, forUpdate = false): Promise<CollectionInfo | null> {
  const rows = await sql.query<CollectionRow>(
    `SELECT ${COLLECTION_COLUMNS} FROM vector_collection WHERE name = $1${forUpdate ? " FOR UPDATE" : ""}`,
    [name],
  );
  return rows.length ? toInfo(rows[0]) : null;
}

export type Projection = Pick<Pca, "dims" | "components" | "mean" | "basis">;

/** The collection's PCA projection (null when vectors fit in a cube as they are). */
export async function readProjection(sql: SqlClient, info: CollectionInfo): Promise<Projection | null> {
  if (!info.projected) return null;
  const rows = await sql.query<{ projection: Uint8Array | null }>(
    `SELECT projection FROM vector_collection WHERE name = $1`,
    [info.name],
  );
  const bytes = rows[0]?.projection;
  return bytes ? decodeProjection(bytes, info.dims, info.reducedDims) : null;
}

/** The stored vector (as put, not normalised), or null when the collection or key does not exist. */
export async function getVector(db: SqlDb, collection: string, key: string): Promise<Float32Array | null> {
  const name = parseCollectionName(collection);
  const rows = await db.sql.query<{ embedding: string }>(
    `SELECT ${EMBEDDING_AS_BASE64} AS embedding FROM vector_item WHERE collection = $1 AND key = $2`,
    [name, key],
  );
  return rows.length ? decodeEmbedding(rows[0].embedding) : null;
}

/** The stored vectors (as put) of these keys, in the order asked; unknown keys are left out. One query. */
export async function getVectors(db: SqlDb, collection: string, keys: readonly string[]): Promise<{ key: string; vector: Float32Array }[]> {
  const name = parseCollectionName(collection);
  if (keys.length === 0) return [];
  const rows = await db.sql.query<{ key: string; embedding: string }>(
    `SELECT key, ${EMBEDDING_AS_BASE64} AS embedding FROM vector_item WHERE collection = $1 AND key = ANY($2::text[])`,
    [name, [...keys]],
  );
  const byKey = new Map(rows.map((r) => [r.key, decodeEmbedding(r.embedding)]));
  return keys.flatMap((key) => {
    const vector = byKey.get(key);
    return vector ? [{ key, vector }] : [];
  });
}

/** Deletes the collection and its items; false when there was nothing to delete. */
export async function deleteCollection(db: SqlDb, collection: string): Promise<boolean> {
  const name = parseCollectionName(collection);
  const deleted = await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM vector_item WHERE collection = $1`, [name]);
    return (await tx.query(`DELETE FROM vector_collection WHERE name = $1 RETURNING name`, [name])).length > 0;
  });
  forgetCollection(db.sql, name);
  return deleted;
}

/** Checks a vector for use with a collection; the thrown DomainErrors are safe to show callers. */
export function validateVector(
  vector: unknown,
  expectedDims: number | undefined,
  metric: Metric,
  what: string,
): Float32Array {
  if (!(vector instanceof Float32Array) && !Array.isArray(vector)) {
    throw invalidInput("invalid_vector", `${what} must be an array of numbers or a Float32Array.`);
  }
  if (vector.length === 0) throw invalidInput("invalid_vector", `${what} is empty.`);
  if (vector.length > MAX_DIMS) throw invalidInput("invalid_vector", `${what} has ${vector.length} dimensions; the limit is ${MAX_DIMS}.`);
  if (expectedDims !== undefined && vector.length !== expectedDims) {
    throw invalidInput("dimension_mismatch", `${what} has ${vector.length} dimensions; the collection has ${expectedDims}.`, {
      expected: expectedDims,
      got: vector.length,
    });
  }
  // Checked on the numbers as given: Float32Array.from would turn "1" into 1 and 1e39 into Infinity.
  if (Array.isArray(vector) && !vector.every((x) => typeof x === "number")) {
    throw invalidInput("invalid_vector", `${what} contains something that is not a number.`);
  }
  if (!allFinite(vector)) throw invalidInput("invalid_vector", `${what} contains NaN or Infinity.`);
  const f32 = vector instanceof Float32Array ? vector : Float32Array.from(vector);
  if (!allFinite(f32)) throw invalidInput("invalid_vector", `${what} has values beyond float32 range.`);
  if (metric === "cosine" && norm(f32) === 0) {
    throw invalidInput("zero_vector", `${what} is all zeros, which has no direction for cosine similarity.`);
  }
  return f32;
}

interface PreparedItem {
  key: string;
  /** As given: what `embedding` stores and getVector returns. */
  vector: Float32Array;
}

function prepareItems(items: readonly VectorInput[], metric: Metric): { items: PreparedItem[]; dims: number } {
  if (!Array.isArray(items) || items.length === 0) throw invalidInput("invalid_items", "Give at least one item.");
  const seen = new Set<string>();
  let dims: number | undefined;
  const prepared = items.map((item, i) => {
    const key = itemKeySchema.safeParse(item?.key);
    if (!key.success) throw invalidInput("invalid_key", `items[${i}].key: ${describeZodError(key.error)}`);
    if (seen.has(key.data)) throw invalidInput("duplicate_key", `Key "${key.data}" appears more than once.`);
    seen.add(key.data);
    const vector = validateVector(item.vector, dims, metric, `items[${i}].vector`);
    dims ??= vector.length;
    return { key: key.data, vector };
  });
  return { items: prepared, dims: dims! };
}

/** The vector the index is built from: unit length for cosine (so Euclidean order = cosine order). */
export function indexedForm(vector: Float32Array, metric: Metric): Float32Array {
  return metric === "cosine" ? normalise(vector) : vector;
}

function fitProjection(items: PreparedItem[], dims: number, metric: Metric, components: number): Pca {
  // A seeded sample: the same items give the same basis, run after run.
  const rng = createRng(PCA_SEED);
  const indices = Array.from({ length: items.length }, (_, i) => i);
  const size = Math.min(PCA_SAMPLE_SIZE, items.length);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  const sample = new Float32Array(size * dims);
  for (let i = 0; i < size; i++) sample.set(indexedForm(items[indices[i]].vector, metric), i * dims);
  return fitPca(sample, dims, components, { seed: PCA_SEED, powerIterations: PCA_POWER_ITERATIONS });
}

/** The `reduced` cube coordinates of a vector: PCA coordinates, or the (normalised) vector itself. */
export function reducedCoordinates(vector: Float32Array, metric: Metric, projection: Projection | null): number[] {
  const indexed = indexedForm(vector, metric);
  return projection ? project(projection, indexed) : Array.from(indexed);
}

async function insertItems(
  tx: SqlClient,
  collection: string,
  dims: number,
  metric: Metric,
  projection: Projection | null,
  items: PreparedItem[],
): Promise<void> {
  for (let start = 0; start < items.length; start += INSERT_BATCH_ROWS) {
    const batch = items.slice(start, start + INSERT_BATCH_ROWS);
    // One array parameter per column (unnest) rather than VALUES with 3 parameters a row:
    // the statement text stays the same for every batch and PGlite parses it ~2x faster.
    await tx.query(
      `INSERT INTO vector_item (collection, key, dims, embedding, reduced)
       SELECT $1, item.key, $2, decode(item.embedding, 'base64'), item.reduced::cube
       FROM unnest($3::text[], $4::text[], $5::text[]) AS item(key, embedding, reduced)
       ON CONFLICT (collection, key) DO UPDATE
         SET dims = EXCLUDED.dims, embedding = EXCLUDED.embedding, reduced = EXCLUDED.reduced`,
      [
        collection,
        dims,
        batch.map((item) => item.key),
        batch.map((item) => encodeEmbedding(item.vector)),
        batch.map((item) => cubeLiteral(reducedCoordinates(item.vector, metric, projection))),
      ],
    );
  }
}

/**
 * Every item of a collection, in key order, read in pages so no single result is huge.
 * Keyset paging on (collection, key) walks the unique index: each page is a short range
 * scan (paging by id made each page re-scan and sort the whole collection).
 */
export async function* readItems(
  sql: SqlClient,
  collection: string,
  extraColumns = "",
  pageSize = 2000,
): AsyncGenerator<{ key: string; embedding: string; [column: string]: unknown }[]> {
  let afterKey: string | null = null;
  for (;;) {
    const page: { key: string; embedding: string }[] = await sql.query<{ key: string; embedding: string }>(
      `SELECT key, ${EMBEDDING_AS_BASE64} AS embedding${extraColumns ? ", " + extraColumns : ""} FROM vector_item
       WHERE collection = $1${afterKey === null ? "" : " AND key > $3"} ORDER BY key LIMIT $2`,
      afterKey === null ? [collection, pageSize] : [collection, pageSize, afterKey],
    );
    if (page.length === 0) return;
    yield page;
    afterKey = page[page.length - 1].key;
    if (page.length < pageSize) return;
  }
}

/**
 * Stores vectors in a collection (creating it), in one transaction. Vectors wider than
 * 100 dims get a PCA projection fitted on a sample; each row's `reduced` cube holds its
 * coordinates. Appending reuses the projection until the collection has doubled since
 * the fit, then refits and rewrites every row (amortised linear; a stale basis would only
 * cost speed, never correctness, since searches re-rank exactly).
 */
export async function putVectors(
  db: SqlDb,
  collection: string,
  items: readonly VectorInput[],
  options: PutOptions,
): Promise<CollectionInfo> {
  const name = parseCollectionName(collection);
  const parsedOptions = putOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw invalidInput("invalid_options", describeZodError(parsedOptions.error));
  const { metric, replace, reducedDims: requestedReducedDims } = parsedOptions.data;
  const prepared = prepareItems(items, metric);
  const { dims } = prepared;

  const info = await db.sql.transaction(async (tx) => {
    // Serialises concurrent puts to one collection (the row lock cannot: the row may not exist yet).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vector_collection:' || $1))`, [name]);
    const existing = await readCollection(tx, name, true);
    let rows = prepared.items;
    let wipe = replace || !existing;
    let projection: Projection | null = null;
    let reducedDims = dims <= CUBE_MAX_DIMS ? dims : (requestedReducedDims ?? existing?.reducedDims ?? DEFAULT_REDUCED_DIMS);

    if (!wipe && existing) {
      if (existing.dims !== dims) {
        throw invalidInput("dimension_mismatch", `Collection "${name}" has ${existing.dims} dimensions; these vectors have ${dims}.`, {
          expected: existing.dims,
          got: dims,
        });
      }
      if (existing.metric !== metric) {
        throw invalidInput("metric_mismatch", `Collection "${name}" is stored for ${existing.metric}; pass replace: true to change it to ${metric}.`);
      }
      if (dims > CUBE_MAX_DIMS) {
        const stored = reducedDims === existing.reducedDims ? await readProjection(tx, existing) : null;
        const doubled = existing.itemCount + rows.length >= 2 * existing.projectionItemCount;
        if (stored && !doubled) {
          projection = stored;
        } else {
          // Refit on old + new: read the old items back and rewrite the collection.
          const merged = new Map<string, PreparedItem>();
          for await (const page of readItems(tx, name)) {
            for (const row of page) merged.set(row.key, { key: row.key, vector: decodeEmbedding(row.embedding) });
          }
          for (const item of rows) merged.set(item.key, item);
          rows = [...merged.values()];
          wipe = true;
        }
      }
    }
    if (wipe) await tx.query(`DELETE FROM vector_item WHERE collection = $1`, [name]);
    let projectionBytes: Uint8Array | null = null;
    if (dims > CUBE_MAX_DIMS && !projection) {
      reducedDims = Math.min(reducedDims, dims);
      projection = fitProjection(rows, dims, metric, reducedDims);
      projectionBytes = encodeProjection(projection);
    }
    await insertItems(tx, name, dims, metric, projection, rows);
    const [{ count }] = await tx.query<{ count: number | string }>(
      `SELECT count(*)::int AS count FROM vector_item WHERE collection = $1`,
      [name],
    );
    // A reused projection stays as it is; a fresh fit (or none, for narrow vectors) replaces it.
    const keepProjection = dims > CUBE_MAX_DIMS && projectionBytes === null;
    const saved = await tx.query<CollectionRow>(
      `INSERT INTO vector_collection
         (name, dims, metric, reduced_dims, projection, projection_item_count, item_count, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, nextval('vector_collection_version_seq'), now())
       ON CONFLICT (name) DO UPDATE SET dims = EXCLUDED.dims, metric = EXCLUDED.metric,
         reduced_dims = EXCLUDED.reduced_dims,
         projection = CASE WHEN $8::boolean THEN vector_collection.projection ELSE EXCLUDED.projection END,
         projection_item_count = CASE WHEN $8::boolean THEN vector_collection.projection_item_count
                                      ELSE EXCLUDED.projection_item_count END,
         item_count = EXCLUDED.item_count, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       RETURNING ${COLLECTION_COLUMNS}`,
      [name, dims, metric, reducedDims, projectionBytes, projectionBytes ? rows.length : 0, Number(count), keepProjection],
    );
    return toInfo(saved[0]);
  });
  forgetCollection(db.sql, name);
  return info;
}
