import "server-only";
import type { SqlClient } from "@/lib/db";
import type { Metric } from "./schema";
import type { Projection } from "./store";

/**
 * Per-process cache of whole collections for the "memory" strategy, one entry per
 * (database client, collection). An entry is valid for one collection `version`; the
 * search reads the version with the collection's metadata on every call (one primary-key
 * lookup, ~0.1-0.3 ms, needed anyway for dims/metric) instead of trusting a timer, so a
 * put from another process or server is seen by the very next search.
 *
 * Memory is bounded: entries are evicted least-recently-used beyond `maxBytes`
 * (default 256 MB; 10k x 768 floats is ~33 MB, 75k x 100 is ~32 MB).
 */
export interface CollectionSnapshot {
  name: string;
  version: number;
  dims: number;
  metric: Metric;
  count: number;
  keys: string[];
  indexOfKey: Map<string, number>;
  /** count x dims, row-major; unit-length rows for cosine. */
  matrix: Float32Array;
  /**
   * Leading PCA coordinates of each row (count x prefixDims) for exact pruning of
   * wide vectors, with the projection that made them; null for narrow vectors.
   */
  prefix: { dims: number; coords: Float32Array; projection: Projection } | null;
  /** Scratch buffers reused by every search (searches are synchronous, so never shared). */
  scratch: { bounds: Float64Array; marks: Uint8Array };
}

interface Entry {
  sql: SqlClient;
  name: string;
  /** Version being loaded or loaded. */
  version: number;
  snapshot?: CollectionSnapshot;
  loading?: Promise<CollectionSnapshot>;
  bytes: number;
}

const maxBytes = 256 * 1024 * 1024;
const byClient = new WeakMap<SqlClient, Map<string, Entry>>();
/** Insertion order = recency order (re-inserted on use). */
const lru = new Set<Entry>();
let totalBytes = 0;

/** Bytes a collection takes in the cache (matrix, pruning coordinates, keys and their index). */
export function estimateSnapshotBytes(count: number, dims: number, prefixDims: number): number {
  return count * ((dims + prefixDims) * 4 + 120);
}

export function fitsInCache(bytes: number): boolean {
  return bytes <= maxBytes;
}

/** The ready snapshot of this version (or newer), if cached; marks it recently used. */
export function cachedSnapshot(sql: SqlClient, name: string, version: number): CollectionSnapshot | undefined {
  const entry = byClient.get(sql)?.get(name);
  if (!entry?.snapshot || entry.snapshot.version < version) return undefined;
  touch(entry);
  return entry.snapshot;
}

/**
 * The snapshot for at least `version`: cached, or loaded once however many searches
 * ask at the same time. Versions only grow (a sequence), so newer is always fine.
 */
export function getSnapshot(
  sql: SqlClient,
  name: string,
  version: number,
  load: () => Promise<CollectionSnapshot>,
): Promise<CollectionSnapshot> {
  const cached = cachedSnapshot(sql, name, version);
  if (cached) return Promise.resolve(cached);
  let perClient = byClient.get(sql);
  if (!perClient) byClient.set(sql, (perClient = new Map()));
  const existing = perClient.get(name);
  if (existing?.loading && existing.version >= version) return existing.loading;
  if (existing) remove(existing);
  const entry: Entry = { sql, name, version, bytes: 0 };
  perClient.set(name, entry);
  entry.loading = load().then(
    (snapshot) => {
      entry.loading = undefined;
      if (byClient.get(sql)?.get(name) !== entry) return snapshot; // forgotten while loading
      entry.snapshot = snapshot;
      entry.version = snapshot.version;
      entry.bytes = estimateSnapshotBytes(snapshot.count, snapshot.dims, snapshot.prefix?.dims ?? 0);
      totalBytes += entry.bytes;
      lru.add(entry);
      evict(entry);
      return snapshot;
    },
    (err) => {
      if (byClient.get(sql)?.get(name) === entry) byClient.get(sql)!.delete(name);
      throw err;
    },
  );
  return entry.loading;
}

/** Drops a collection's entry (after a put or delete through this process). */
export function forgetCollection(sql: SqlClient, name: string): void {
  const entry = byClient.get(sql)?.get(name);
  if (entry) remove(entry);
}

export function clearVectorCache(): void {
  for (const entry of [...lru]) remove(entry);
}

function touch(entry: Entry): void {
  lru.delete(entry);
  lru.add(entry);
}

function remove(entry: Entry): void {
  const perClient = byClient.get(entry.sql);
  if (perClient?.get(entry.name) === entry) perClient.delete(entry.name);
  if (lru.delete(entry)) totalBytes -= entry.bytes;
}

/** Evicts least-recently-used entries until under budget; `keep` (just loaded) stays even if alone too big. */
function evict(keep?: Entry): void {
  for (const entry of lru) {
    if (totalBytes <= maxBytes) break;
    if (entry !== keep) remove(entry);
  }
}
