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

/** Engines the browser worker can embed a photo on (`/image-search?backend=`). */
export const BROWSER_EMBED_BACKENDS = ["ort-wasm", "tfjs-webgl", "tfjs-wasm"] as const;
export type BrowserEmbedBackend = (typeof BROWSER_EMBED_BACKENDS)[number];
/** The fastest in Chromium in bench/image-embed (2 cores, SwiftShader WebGL, no cross-origin isolation). */
export const DEFAULT_BROWSER_BACKEND: BrowserEmbedBackend = "ort-wasm";

/** `?backend=` of the page, or the default when absent or unknown. */
export function browserBackendOf(param: string | null | undefined): BrowserEmbedBackend {
  return (BROWSER_EMBED_BACKENDS as readonly string[]).includes(param ?? "") ? (param as BrowserEmbedBackend) : DEFAULT_BROWSER_BACKEND;
}

/** Engines the server can embed an upload on; ORT is the fastest in Node (bench/image-embed). */
export const SERVER_EMBED_BACKENDS = ["ort-wasm", "tfjs-wasm"] as const;
export type ServerEmbedBackend = (typeof SERVER_EMBED_BACKENDS)[number];
export const DEFAULT_SERVER_BACKEND: ServerEmbedBackend = "ort-wasm";
export const backendFieldSchema = z.enum(SERVER_EMBED_BACKENDS).default(DEFAULT_SERVER_BACKEND);

/** The query of a raw image upload (POST /api/image-search/search?k=&backend=). */
export const uploadQuerySchema = z.object({ k: kFieldSchema, backend: backendFieldSchema }).strict();

/** The query of a multipart upload (k travels in the form): only the engine. */
export const multipartQuerySchema = z.object({ backend: backendFieldSchema }).strict();

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
