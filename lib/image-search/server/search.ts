/**
 * Reverse image search over the seeded collection: the shared vector search (cosine)
 * finds the nearest indexed photos, the committed calibration turns the neighbours into
 * a confidence and a "no match" answer. Node (reads the calibration file); no HTTP.
 */
import "server-only";
import fs from "node:fs";
import { notFound } from "@/lib/errors";
import type { SqlDb } from "@/lib/db";
import { projectPath } from "@/lib/paths";
import { nearest, nearestToKey, type SearchHit } from "@/lib/vector-search";
import { DEFAULT_RESULTS, type QueryLabel, type SearchResponse, type SimilarResponse } from "../core/api-schema";
import { calibrationSchema, CONFIDENCE_NEIGHBOURS, judge, type Calibration } from "../core/calibration";
import { INDEX_COLLECTION, photoById, photosByIds, photoVector, type PhotoSummary } from "./store";

export const CALIBRATION_FILE = "data/image-search/calibration.json";


let calibrationCache: Calibration | undefined;

/** Reads and validates a calibration file. */
export function readCalibration(file: string): Calibration {
  return calibrationSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8")));
}

/** The committed calibration (data/image-search/calibration.json), read once per process. */
export function loadCalibration(): Calibration {
  calibrationCache ??= readCalibration(projectPath(CALIBRATION_FILE));
  return calibrationCache;
}

export interface Neighbour extends PhotoSummary {
  /** Cosine similarity to the query. */
  score: number;
}

/** Hits of the vector search joined with their photos, best first. */
async function withPhotos(db: SqlDb, hits: SearchHit[]): Promise<Neighbour[]> {
  const photos = new Map((await photosByIds(db, hits.map((h) => h.key))).map((p) => [p.id, p]));
  return hits.flatMap((h) => {
    const photo = photos.get(h.key);
    return photo ? [{ ...photo, score: h.score }] : [];
  });
}

/** The max(k, 10) nearest indexed photos to a vector (cosine), best first. */
export async function nearestPhotos(db: SqlDb, vector: Float32Array | number[], k: number, excludeIds: string[] = []): Promise<Neighbour[]> {
  return withPhotos(db, await nearest(db, INDEX_COLLECTION, vector, { k: Math.max(k, CONFIDENCE_NEIGHBOURS), excludeKeys: excludeIds }));
}

export interface SearchOptions {
  k?: number;
  /** The classifier's labels for the query, echoed back sorted (most probable first). */
  labels?: QueryLabel[];
  calibration?: Calibration;
}

function answer(neighbours: Neighbour[], k: number, labels: QueryLabel[], calibration: Calibration): SearchResponse {
  const { confidence, noMatch } = judge(calibration, neighbours);
  return {
    results: neighbours.slice(0, k).map(({ id, label, thumbnailUrl, thumbWidth, thumbHeight, score }) => ({
      id,
      label,
      thumbnailUrl,
      thumbWidth,
      thumbHeight,
      score,
    })),
    confidence,
    noMatch,
    labels: [...labels].sort((a, b) => b.probability - a.probability),
  };
}

/** Search with a query vector (768 floats). Invalid vectors throw invalid_input DomainErrors (lib/vector-search). */
export async function searchByVector(db: SqlDb, vector: Float32Array | number[], options: SearchOptions = {}): Promise<SearchResponse> {
  const k = options.k ?? DEFAULT_RESULTS;
  const neighbours = await nearestPhotos(db, vector, k);
  return answer(neighbours, k, options.labels ?? [], options.calibration ?? loadCalibration());
}

/**
 * Search with a stored photo: an indexed one (itself excluded from the results) or a
 * held-out one (query / background split, never in the results anyway).
 */
export async function searchSimilar(db: SqlDb, id: string, options: Omit<SearchOptions, "labels"> = {}): Promise<SimilarResponse> {
  const k = options.k ?? DEFAULT_RESULTS;
  const query = await photoById(db, id);
  if (!query) throw notFound("photo_not_found", `No photo with id "${id}".`);
  let neighbours: Neighbour[];
  if (query.split === "index") {
    const hits = await nearestToKey(db, INDEX_COLLECTION, id, { k: Math.max(k, CONFIDENCE_NEIGHBOURS) });
    neighbours = await withPhotos(db, hits);
  } else {
    const vector = await photoVector(db, query);
    if (!vector) throw notFound("photo_not_found", `Photo "${id}" has no stored vector.`);
    neighbours = await nearestPhotos(db, vector, k);
  }
  return { query, ...answer(neighbours, k, query.imagenet, options.calibration ?? loadCalibration()) };
}
