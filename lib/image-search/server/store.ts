/**
 * Reading and writing the reverse-image-search tables: `image_photo` (one row per
 * Caltech-101 photo) and the photos' vectors in the shared vector store (lib/vector-search):
 * collection INDEX_COLLECTION holds every photo (index, query and background splits alike),
 * each in the search space of the committed transform (../core/transform.ts), so every
 * shipped photo can be found; the held-out splits stay an evaluation label only.
 * No HTTP here; the routes and the seed step call these.
 */
import "server-only";
import type { SqlDb } from "@/lib/db";
import { deleteCollection, getVector, putVectors } from "@/lib/vector-search";
import type { ClassSummary, Photo } from "../core/api-schema";
import type { ImageIndex } from "../core/index-reader";
import type { Split } from "../core/split";
import { applyTransformRows, type EmbeddingTransform } from "../core/transform";

export const INDEX_COLLECTION = "caltech101";
/** Where the held-out photos were kept before every photo became searchable; deleted at seed time. */
const LEGACY_HELDOUT_COLLECTION = "caltech101-heldout";

/** A photo as the API and the page show it (the API's photo schema). */
export type PhotoSummary = Photo;

interface PhotoRow {
  id: string;
  label: string;
  split: string;
  thumbnail_url: string;
  thumb_width: number;
  thumb_height: number;
  width: number;
  height: number;
  imagenet_labels: string[] | null;
  imagenet_probabilities: number[] | null;
}

const PHOTO_COLUMNS = `id, label, split, thumbnail_url, thumb_width, thumb_height, width, height, imagenet_labels, imagenet_probabilities`;

function toSummary(row: PhotoRow): PhotoSummary {
  const labels = row.imagenet_labels ?? [];
  const probabilities = row.imagenet_probabilities ?? [];
  return {
    id: row.id,
    label: row.label,
    split: row.split as Split,
    thumbnailUrl: row.thumbnail_url,
    thumbWidth: Number(row.thumb_width),
    thumbHeight: Number(row.thumb_height),
    width: Number(row.width),
    height: Number(row.height),
    imagenet: labels.map((label, i) => ({ label, probability: Number(probabilities[i] ?? 0) })),
  };
}

/**
 * Replaces the demo's rows with `index`: the photos table in one transaction, then the
 * vector collection wholesale (putVectors with replace), every vector transformed into the
 * search space. Returns the rows written (photos + vectors).
 */
export async function storeImageIndex(
  db: SqlDb,
  index: ImageIndex,
  transform: EmbeddingTransform,
  progress: (line: string) => void = () => undefined,
): Promise<number> {
  const { photos, dim } = index;
  const rows = photos.map((p, position) => ({
    id: p.id,
    position,
    label: p.label,
    file: p.original,
    split: p.split,
    thumbnail_url: p.file,
    width: p.width,
    height: p.height,
    thumb_width: p.thumbWidth,
    thumb_height: p.thumbHeight,
    source: p.source,
    licence: p.licence,
    imagenet_labels: p.imagenet.map(([label]) => label),
    imagenet_probabilities: p.imagenet.map(([, probability]) => probability),
  }));
  let started = Date.now();
  await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM image_photo`);
    // One INSERT over a JSON array: one round trip on either backend, exact doubles.
    await tx.query(
      `INSERT INTO image_photo (id, position, label, file, split, thumbnail_url, width, height, thumb_width, thumb_height,
                                source, licence, imagenet_labels, imagenet_probabilities)
       SELECT id, position, label, file, split, thumbnail_url, width, height, thumb_width, thumb_height,
              source, licence, imagenet_labels, imagenet_probabilities
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, position int, label text, file text, split text, thumbnail_url text,
              width int, height int, thumb_width int, thumb_height int, source text, licence text,
              imagenet_labels text[], imagenet_probabilities float8[])`,
      [JSON.stringify(rows)],
    );
  });
  progress(`${rows.length} photos in ${Date.now() - started} ms`);

  started = Date.now();
  const searchSpace = applyTransformRows(transform, index.vectors);
  const d = searchSpace.length / photos.length;
  const items = photos.map((p, i) => ({ key: p.id, vector: searchSpace.subarray(i * d, (i + 1) * d) }));
  progress(`${items.length} vectors into the search space (${dim} -> ${d} dims) in ${Date.now() - started} ms`);
  started = Date.now();
  await putVectors(db, INDEX_COLLECTION, items, { metric: "cosine", replace: true });
  await deleteCollection(db, LEGACY_HELDOUT_COLLECTION);
  progress(`${items.length} vectors into "${INDEX_COLLECTION}" in ${Date.now() - started} ms`);
  return rows.length + items.length;
}

/** The photos with these ids, in the order asked (unknown ids are left out). */
export async function photosByIds(db: SqlDb, ids: readonly string[]): Promise<PhotoSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.sql.query<PhotoRow>(`SELECT ${PHOTO_COLUMNS} FROM image_photo WHERE id = ANY($1::text[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function photoById(db: SqlDb, id: string): Promise<PhotoSummary | null> {
  return (await photosByIds(db, [id]))[0] ?? null;
}

/** The stored vector of a photo in the search space (transformed, unit length), or null. */
export async function photoVector(db: SqlDb, photo: Pick<PhotoSummary, "id">): Promise<Float32Array | null> {
  return getVector(db, INDEX_COLLECTION, photo.id);
}

export interface PhotoPage {
  photos: PhotoSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Photos matching the filter, all pages. */
  total: number;
}

/**
 * Photos filtered by split and class, `limit` after `cursor` (an id), ordered by file name
 * and then id: without a class filter every class's image_0001 comes first, then every
 * image_0002, ..., so a page shows many classes; within one class it is id order.
 */
export async function listPhotos(
  db: SqlDb,
  filter: { split?: Split; label?: string; cursor?: string; limit: number },
): Promise<PhotoPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.split) where.push(`split = $${params.push(filter.split)}`);
  if (filter.label) where.push(`label = $${params.push(filter.label)}`);
  const matching = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const [{ count }] = await db.sql.query<{ count: number | string }>(`SELECT count(*)::int AS count FROM image_photo ${matching}`, params);
  if (filter.cursor) {
    const c = params.push(filter.cursor);
    where.push(`(split_part(id, '/', 2), id) > (split_part($${c}::text, '/', 2), $${c}::text)`);
  }
  const page = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const rows = await db.sql.query<PhotoRow>(
    `SELECT ${PHOTO_COLUMNS} FROM image_photo ${page} ORDER BY split_part(id, '/', 2), id LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  const more = rows.length > filter.limit;
  const photos = rows.slice(0, filter.limit).map(toSummary);
  return { photos, nextCursor: more ? photos[photos.length - 1].id : null, total: Number(count) };
}

/** Every class with its photo count per split, by name. */
export async function listClasses(db: SqlDb): Promise<ClassSummary[]> {
  const rows = await db.sql.query<{ label: string; split: string; count: number | string }>(
    `SELECT label, split, count(*)::int AS count FROM image_photo GROUP BY label, split ORDER BY label`,
  );
  const byLabel = new Map<string, ClassSummary>();
  for (const row of rows) {
    const entry = byLabel.get(row.label) ?? { label: row.label, index: 0, query: 0, background: 0 };
    entry[row.split as Split] = Number(row.count);
    byLabel.set(row.label, entry);
  }
  return [...byLabel.values()];
}
