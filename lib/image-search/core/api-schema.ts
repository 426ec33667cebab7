/**
 * Request and response shapes of the reverse-image-search API (app/api/image-search/*).
 * Browser-safe (zod only): the page, the routes and the tests share these.
 */
import { z } from "zod";
import { queryInt } from "@/lib/api/query-schema";
// The constants module only: "@/lib/vision" would pull tfjs into page bundles.
import { EMBEDDING_DIM } from "@/lib/vision/constants";

export const DEFAULT_RESULTS = 10;
export const MAX_RESULTS = 50;
export const DEFAULT_PAGE_SIZE = 48;
export const MAX_PAGE_SIZE = 100;
/** Query labels a client may send along with its vector. */
export const MAX_QUERY_LABELS = 10;

export const splitSchema = z.enum(["index", "query", "background"]);
const photoIdSchema = z.string().min(1).max(200);
const classLabelSchema = z.string().min(1).max(200);

export const imagenetLabelSchema = z.object({
  label: z.string().trim().min(1).max(200),
  probability: z.number().min(0).max(1),
});
export type QueryLabel = z.infer<typeof imagenetLabelSchema>;

/** JSON body of POST /api/image-search/search. */
export const searchJsonBodySchema = z
  .object({
    vector: z
      .array(z.number({ error: "must be a finite number" }))
      .length(EMBEDDING_DIM, `must hold exactly ${EMBEDDING_DIM} numbers (a MobileNet v1 0.75 embedding)`),
    k: z.number().int().min(1).max(MAX_RESULTS).default(DEFAULT_RESULTS),
    /** The classifier's labels for the query as the browser computed them; echoed back, most probable first. */
    labels: z.array(imagenetLabelSchema).max(MAX_QUERY_LABELS).default([]),
  })
  .strict();
export type SearchJsonBody = z.input<typeof searchJsonBodySchema>;

/** `k` of a multipart upload (a form field) or of a query string. */
export const kFieldSchema = queryInt({ min: 1, max: MAX_RESULTS }).default(DEFAULT_RESULTS);

/** The query of a raw image upload (POST /api/image-search/search?k=). */
export const uploadQuerySchema = z.object({ k: kFieldSchema }).strict();

export const similarQuerySchema = z.object({ id: photoIdSchema, k: kFieldSchema }).strict();

export const photosQuerySchema = z
  .object({
    split: splitSchema.optional(),
    label: classLabelSchema.optional(),
    cursor: photoIdSchema.optional(),
    limit: queryInt({ min: 1, max: MAX_PAGE_SIZE }).default(DEFAULT_PAGE_SIZE),
  })
  .strict();

export const searchResultSchema = z.object({
  id: z.string(),
  /** The photo's Caltech-101 class. */
  label: z.string(),
  thumbnailUrl: z.string(),
  thumbWidth: z.number(),
  thumbHeight: z.number(),
  /** Cosine similarity to the query after whitening and query expansion (a photo scores ~0.96 with itself). */
  score: z.number(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({
  results: z.array(searchResultSchema),
  /** Calibrated probability (0..1) that the best result is of the query's class. */
  confidence: z.number().min(0).max(1),
  /** True when the confidence is below the calibrated threshold: no good match in the collection. */
  noMatch: z.boolean(),
  /** The classifier's ImageNet labels for the query, most probable first (empty when unknown). */
  labels: z.array(imagenetLabelSchema),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const photoSchema = z.object({
  id: z.string(),
  label: z.string(),
  split: splitSchema,
  thumbnailUrl: z.string(),
  thumbWidth: z.number(),
  thumbHeight: z.number(),
  width: z.number(),
  height: z.number(),
  imagenet: z.array(imagenetLabelSchema),
});
export type Photo = z.infer<typeof photoSchema>;

export const similarResponseSchema = searchResponseSchema.extend({ query: photoSchema });
export type SimilarResponse = z.infer<typeof similarResponseSchema>;

export const photosResponseSchema = z.object({
  photos: z.array(photoSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export type PhotosResponse = z.infer<typeof photosResponseSchema>;

/** One Caltech-101 class with its photo count per split (the page's class picker). */
export interface ClassSummary {
  label: string;
  index: number;
  query: number;
  background: number;
}
