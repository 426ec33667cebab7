// zod schemas for the shapes in ./types.ts, so API routes and the seed can
// validate what they store and send. The `satisfies`-style checks at the end
// fail to compile if a schema and its type drift apart.

import { z } from "zod";
import type {
  AlignmentStep,
  ClosestLanguage,
  DistanceWithAlignment,
  LanguageNumbers,
  LanguagePair,
  NumbersResult,
  NumbersTreeNode,
  RawNumbersData,
  UniversalNumber,
} from "./types";

/** Longest word the playground accepts. */
export const MAX_QUERY_WORD_LENGTH = 64;

const tenWords = z.array(z.string()).length(10);

export const rawNumbersDataSchema = z.record(z.string(), z.array(z.string()));

export const languageNumbersSchema = z.object({
  name: z.string().min(1),
  words: tenWords,
  normalised: tenWords,
});

export const universalNumberSchema = z.object({
  number: z.number().int().min(1).max(10),
  word: z.string().min(1),
  language: z.string().min(1),
});

export const languagePairSchema = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  score: z.number().gt(0).lte(1),
  distances: z.array(z.number().nonnegative()).length(10),
});

export const numbersTreeNodeSchema: z.ZodType<NumbersTreeNode> = z.lazy(() =>
  z.object({
    name: z.string().optional(),
    children: z.array(numbersTreeNodeSchema).optional(),
  }),
);

export const closestLanguageSchema = z.object({
  name: z.string().min(1),
  score: z.number().gt(0).lte(1),
});

export const numbersResultSchema = z.object({
  languages: z.array(languageNumbersSchema),
  universal: z.array(universalNumberSchema),
  pairs: z.array(languagePairSchema),
  tree: numbersTreeNodeSchema,
  treeOrder: z.array(z.string()),
  closest: z.record(z.string(), z.array(closestLanguageSchema)),
});

export const alignmentStepSchema = z.object({
  op: z.enum(["match", "substitute", "delete", "insert"]),
  from: z.string().length(1).optional(),
  to: z.string().length(1).optional(),
  cost: z.number().nonnegative(),
});

export const distanceWithAlignmentSchema = z.object({
  a: z.string(),
  b: z.string(),
  distance: z.number().nonnegative(),
  alignment: z.array(alignmentStepSchema),
});

const queryWord = z.string().trim().min(1, "must not be empty").max(MAX_QUERY_WORD_LENGTH);

/** Playground query: two words to compare; both are trimmed. */
export const distanceQuerySchema = z.object({ a: queryWord, b: queryWord }).strict();

export type DistanceQuery = z.infer<typeof distanceQuerySchema>;

// Compile-time agreement between schemas and the hand-written types.
type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
const schemasMatchTypes: [
  Same<z.infer<typeof rawNumbersDataSchema>, RawNumbersData>,
  Same<z.infer<typeof languageNumbersSchema>, LanguageNumbers>,
  Same<z.infer<typeof universalNumberSchema>, UniversalNumber>,
  Same<z.infer<typeof languagePairSchema>, LanguagePair>,
  Same<z.infer<typeof closestLanguageSchema>, ClosestLanguage>,
  Same<z.infer<typeof numbersResultSchema>, NumbersResult>,
  Same<z.infer<typeof alignmentStepSchema>, AlignmentStep>,
  Same<z.infer<typeof distanceWithAlignmentSchema>, DistanceWithAlignment>,
] = [true, true, true, true, true, true, true, true];
void schemasMatchTypes;
