// The "cube" strategy: candidates from the GiST index on the reduced cube, re-ranked on
// the full vectors; for collections too big for the in-memory cache (see index.ts).
import "server-only";
import type { SqlClient } from "@/lib/db";
import { dotAt, squaredDistanceAt } from "@/lib/ml/vectors";
import { TopK } from "@/lib/ml/top-k";
import { boundWithSlack, hits } from "./ranking";
import type { ParsedNearestOptions, SearchHit } from "./schema";
import { decodeEmbedding, EMBEDDING_AS_BASE64, indexedForm, readProjection, reducedCoordinates, type CollectionInfo, type Projection } from "./store";

/** Candidate ids (and bounds) read from the GiST index per search. */
const cubeCandidates = (k: number) => Math.max(1000, 20 * k);
/** Embeddings fetched for the first re-rank round, then per further round. */
const CUBE_FIRST_FETCH = (k: number) => Math.max(100, 4 * k);
const CUBE_NEXT_FETCH = 100;

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
export async function cubeSearch(sql: SqlClient, info: CollectionInfo, query: Float32Array, options: ParsedNearestOptions): Promise<SearchHit[]> {
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
