/**
 * Reverse image search over the seeded collection (every photo, in the committed search
 * space): the query vector is transformed (power normalisation + PCA whitening,
 * ../core/transform.ts), the shared vector search (cosine) finds its nearest photos, the
 * query is expanded with the best of them and searched again, and the committed calibration
 * turns the evidence (neighbours + the classifier's labels) into a confidence and a
 * "no match" answer. Node (reads the data files); no HTTP.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { notFound } from "@/lib/errors";
import type { SqlDb } from "@/lib/db";
import { projectPath } from "@/lib/paths";
import { getVector, getVectors, nearest, validateVector, type SearchHit } from "@/lib/vector-search";
import { DEFAULT_RESULTS, type QueryLabel, type SearchResponse, type SimilarResponse } from "../core/api-schema";
import { calibrationSchema, CONFIDENCE_NEIGHBOURS, judge, type Calibration, type LabelledHit } from "../core/calibration";
import { applyTransform, decodeTransform, expandQuery, transformManifestSchema, type EmbeddingTransform } from "../core/transform";
import { IMAGE_INDEX_DIR, TRANSFORM_FILE } from "./load";
import { INDEX_COLLECTION, photoById, photosByIds, type PhotoSummary } from "./store";

export const CALIBRATION_FILE = "data/image-search/calibration.json";

let calibrationCache: Calibration | undefined;
let transformCache: EmbeddingTransform | undefined;

/** Reads and validates a calibration file. */
export function readCalibration(file: string): Calibration {
  return calibrationSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8")));
}

/** The committed calibration (data/image-search/calibration.json), read once per process. */
export function loadCalibration(): Calibration {
  calibrationCache ??= readCalibration(projectPath(CALIBRATION_FILE));
  return calibrationCache;
}

/** Reads a transform (transform.json + the matrix file it names) from a directory. */
export function readTransform(dir: string): EmbeddingTransform {
  const manifest = transformManifestSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, TRANSFORM_FILE), "utf8")));
  const bytes = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, manifest.file));
  return decodeTransform(manifest, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The committed search-space transform (data/image-search/transform.json), read once per process. */
export function loadSearchTransform(): EmbeddingTransform {
  transformCache ??= readTransform(projectPath(IMAGE_INDEX_DIR));
  return transformCache;
}

export interface Neighbour extends PhotoSummary {
  /** Cosine similarity to the (expanded) query in the search space: the ranking score. */
  score: number;
}

export interface SearchOptions {
  k?: number;
  /** The classifier's labels for the query, echoed back sorted (most probable first). */
  labels?: QueryLabel[];
  /** Photos never returned (evaluation: the query itself and its twin). */
  excludeIds?: string[];
  calibration?: Calibration;
  transform?: EmbeddingTransform;
}

/** What one search found: the final ranking and the query's own nearest photos (before expansion). */
export interface SearchEvidenceResult {
  neighbours: Neighbour[];
  first: Neighbour[];
}

/** Hits of the vector search joined with their photos, best first. */
function withPhotos(photos: Map<string, PhotoSummary>, hits: SearchHit[]): Neighbour[] {
  return hits.flatMap((h) => {
    const photo = photos.get(h.key);
    return photo ? [{ ...photo, score: h.score }] : [];
  });
}

/**
 * The max(k, 10) best photos for a query already in the search space: nearest photos, then
 * (queryExpansion > 0) the search again with the query averaged with its best n.
 */
export async function rankInSearchSpace(
  db: SqlDb,
  query: Float32Array,
  k: number,
  queryExpansion: number,
  excludeIds: string[] = [],
): Promise<SearchEvidenceResult> {
  const want = Math.max(k, CONFIDENCE_NEIGHBOURS);
  const first = await nearest(db, INDEX_COLLECTION, query, { k: Math.max(want, queryExpansion), excludeKeys: excludeIds });
  let final = first.slice(0, want);
  if (queryExpansion > 0 && first.length > 0) {
    const neighbours = await getVectors(db, INDEX_COLLECTION, first.slice(0, queryExpansion).map((h) => h.key));
    const expanded = expandQuery(query, neighbours.map((n) => n.vector));
    final = await nearest(db, INDEX_COLLECTION, expanded, { k: want, excludeKeys: excludeIds });
  }
  const photos = new Map((await photosByIds(db, [...new Set([...first, ...final].map((h) => h.key))])).map((p) => [p.id, p]));
  return { neighbours: withPhotos(photos, final), first: withPhotos(photos, first.slice(0, CONFIDENCE_NEIGHBOURS)) };
}

/** A raw 768-d query vector (as the browser and the upload path compute it) in the search space; bad vectors throw invalid_input. */
export function toSearchSpace(vector: Float32Array | number[], transform: EmbeddingTransform = loadSearchTransform()): Float32Array {
  return applyTransform(transform, validateVector(vector, transform.inDims, "cosine", "Query vector"));
}

/** The search's evidence for a raw query vector (the calibration and the benchmark use this). */
export async function searchEvidence(db: SqlDb, vector: Float32Array | number[], options: SearchOptions = {}): Promise<SearchEvidenceResult> {
  const transform = options.transform ?? loadSearchTransform();
  return rankInSearchSpace(db, toSearchSpace(vector, transform), options.k ?? DEFAULT_RESULTS, transform.queryExpansion, options.excludeIds);
}

const labelled = (n: Neighbour): LabelledHit => ({ label: n.label, score: n.score, imagenet: n.imagenet[0]?.label ?? "" });

/** The confidence and the no-match verdict of one search. */
export function verdict(calibration: Calibration, found: SearchEvidenceResult, labels: readonly QueryLabel[]): { confidence: number; noMatch: boolean } {
  return judge(calibration, { hits: found.neighbours.map(labelled), first: found.first.map(labelled), queryLabels: labels });
}

function answer(found: SearchEvidenceResult, k: number, labels: QueryLabel[], calibration: Calibration): SearchResponse {
  const { confidence, noMatch } = verdict(calibration, found, labels);
  return {
    results: found.neighbours.slice(0, k).map(({ id, label, thumbnailUrl, thumbWidth, thumbHeight, score }) => ({
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

/** Search with a query vector (768 floats). Invalid vectors throw invalid_input DomainErrors. */
export async function searchByVector(db: SqlDb, vector: Float32Array | number[], options: SearchOptions = {}): Promise<SearchResponse> {
  const k = options.k ?? DEFAULT_RESULTS;
  const found = await searchEvidence(db, vector, { ...options, k });
  return answer(found, k, options.labels ?? [], options.calibration ?? loadCalibration());
}

/** Search with a stored photo (any split; every photo is in the collection): itself excluded from the results. */
export async function searchSimilar(db: SqlDb, id: string, options: Omit<SearchOptions, "labels"> = {}): Promise<SimilarResponse> {
  const k = options.k ?? DEFAULT_RESULTS;
  const query = await photoById(db, id);
  if (!query) throw notFound("photo_not_found", `No photo with id "${id}".`);
  const vector = await getVector(db, INDEX_COLLECTION, id);
  if (!vector) throw notFound("photo_not_found", `Photo "${id}" has no stored vector.`);
  const transform = options.transform ?? loadSearchTransform();
  const found = await rankInSearchSpace(db, vector, k, transform.queryExpansion, [id, ...(options.excludeIds ?? [])]);
  return { query, ...answer(found, k, query.imagenet, options.calibration ?? loadCalibration()) };
}
