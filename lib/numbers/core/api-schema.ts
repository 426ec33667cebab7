// zod schemas for the "Universal numbers" API: the query of GET /api/numbers/pairs
// and the response bodies (the e2e tests check the live answers against them).

import { z } from "zod";
import { queryInt } from "@/lib/api/query-schema";
import { distanceWithAlignmentSchema, numbersTreeNodeSchema, universalNumberSchema } from "./schema";

export const DEFAULT_PAIRS_LIMIT = 100;

/** `?limit=N`: a whole number >= 1 (the route also checks it against the number of pairs). */
export const pairsQuerySchema = z.object({ limit: queryInt({ min: 1 }).default(DEFAULT_PAIRS_LIMIT) }).strict();

export const universalResponseSchema = z.array(universalNumberSchema).length(10);

export const languagesResponseSchema = z.array(
  z.object({ name: z.string().min(1), words: z.array(z.string()).length(10) }).strict(),
);

export const pairsResponseSchema = z.array(
  z.object({ a: z.string().min(1), b: z.string().min(1), score: z.number().gt(0).lte(1) }).strict(),
);

export const treeResponseSchema = numbersTreeNodeSchema;

export const distanceResponseSchema = distanceWithAlignmentSchema;
