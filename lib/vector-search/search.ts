import "server-only";
import { describeZodError, invalidInput, notFound } from "@/lib/errors";
import type { SqlClient, SqlDb } from "@/lib/db";
import { estimateSnapshotBytes, fitsInCache } from "./cache";
import { cubeSearch } from "./cube-strategy";
import { memorySearch, memorySnapshot, prefixDimsFor } from "./memory-strategy";
import { nearestOptionsSchema, type NearestOptions, type ParsedNearestOptions, type SearchHit, type Strategy } from "./schema";
import { getVector, parseCollectionName, readCollection, validateVector, type CollectionInfo } from "./store";

function parseOptions(options: NearestOptions | undefined): ParsedNearestOptions {
  const parsed = nearestOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw invalidInput("invalid_options", describeZodError(parsed.error));
  return parsed.data;
}

async function requireCollection(sql: SqlClient, name: string, options: ParsedNearestOptions): Promise<CollectionInfo> {
  const info = await readCollection(sql, name);
  if (!info) throw notFound("collection_not_found", `No vector collection named "${name}".`);
  if (options.metric && options.metric !== info.metric) {
    throw invalidInput("metric_mismatch", `Collection "${name}" is indexed for ${info.metric} distance, not ${options.metric}.`);
  }
  return info;
}

/** "auto": memory while the collection fits the cache budget (it is several times faster, see index.ts), else cube. */
export function resolveStrategy(info: CollectionInfo, requested: Strategy): "memory" | "cube" {
  if (requested !== "auto") return requested;
  return fitsInCache(estimateSnapshotBytes(info.itemCount, info.dims, prefixDimsFor(info))) ? "memory" : "cube";
}

/** The k nearest items of the collection to `query`, best first. */
export async function nearest(
  db: SqlDb,
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
  db: SqlDb,
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

async function run(sql: SqlClient, info: CollectionInfo, query: Float32Array, options: ParsedNearestOptions): Promise<SearchHit[]> {
  if (resolveStrategy(info, options.strategy) === "memory") {
    const snapshot = await memorySnapshot(sql, info);
    return memorySearch(snapshot, query, options);
  }
  return cubeSearch(sql, info, query, options);
}
