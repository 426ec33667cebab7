import { z } from "zod";

/** Distances the search ranks by. Chosen per collection when it is stored. */
export const metricSchema = z.enum(["cosine", "euclidean"]);

/**
 * How a search runs: "memory" = exact scan over vectors cached in this process,
 * "cube" = candidates from the GiST index on the `reduced` cube, re-ranked exactly,
 * "auto" = memory while the collection fits the cache budget, else cube.
 */
export const strategySchema = z.enum(["auto", "memory", "cube"]);

export const MAX_K = 1000;
/** Wider than any embedding the demos use; keeps a hostile request from allocating gigabytes. */
export const MAX_DIMS = 4096;
export const MAX_EXCLUDED_KEYS = 10_000;

export const collectionNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:\-/]+$/, "letters, digits and _ . : - / only");

export const itemKeySchema = z.string().min(1).max(512);

/** A query or stored vector as JSON: finite numbers only (zod's number rejects NaN and Infinity). */
export const vectorSchema = z.array(z.number()).min(1).max(MAX_DIMS);

/** Options of `nearest` / `nearestToKey`. */
export const nearestOptionsSchema = z
  .object({
    k: z.number().int().min(1).max(MAX_K).default(10),
    /** Must equal the collection's metric when given (the index is built for one metric). */
    metric: metricSchema.optional(),
    excludeKeys: z.array(itemKeySchema).max(MAX_EXCLUDED_KEYS).default([]),
    strategy: strategySchema.default("auto"),
  })
  .strict();

/** JSON body of a "search by vector" request: the options plus the vector. */
export const nearestRequestSchema = nearestOptionsSchema.extend({ vector: vectorSchema });

/** Query-string form of the options (`?k=5&exclude=a&exclude=b&strategy=cube`): values arrive as strings. */
export const nearestQueryParamsSchema = z
  .object({
    k: z.coerce.number().int().min(1).max(MAX_K).default(10),
    metric: metricSchema.optional(),
    exclude: z
      .union([itemKeySchema, z.array(itemKeySchema).max(MAX_EXCLUDED_KEYS)])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    strategy: strategySchema.default("auto"),
  })
  .transform(({ exclude, ...rest }) => ({ ...rest, excludeKeys: exclude }));

export const putOptionsSchema = z
  .object({
    metric: metricSchema,
    /** true: the items become the whole collection; false (default): add them, overwriting equal keys. */
    replace: z.boolean().default(false),
    /** Dimensions kept in the `reduced` cube for wide vectors (cube's limit is 100). */
    reducedDims: z.number().int().min(1).max(100).optional(),
  })
  .strict();

export const searchHitSchema = z.object({ key: z.string(), distance: z.number(), score: z.number() });

export type Metric = z.infer<typeof metricSchema>;
export type Strategy = z.infer<typeof strategySchema>;
export type NearestOptions = z.input<typeof nearestOptionsSchema>;
export type ParsedNearestOptions = z.output<typeof nearestOptionsSchema>;
export type PutOptions = z.input<typeof putOptionsSchema>;
export type SearchHit = z.infer<typeof searchHitSchema>;
