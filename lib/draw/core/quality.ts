/**
 * What `npm run draw:evaluate` measures per model (data/draw/quality.json): how its samples
 * compare with the data it learned from. Browser-safe (the page shows it).
 */
import { z } from "zod";
import { MODEL_NAMES } from "./models";

const pair = z.object({ samples: z.number(), data: z.number() });

export const modelQualitySchema = z.object({
  temperature: z.number(),
  /** The min-p cut of sampling (lib/draw/core/sample.ts MIN_P). */
  minP: z.number(),
  samples: z.number().int(),
  rejected: z.number().int(),
  validShare: z.number(),
  validationLoss: z.number().nullable(),
  unigramValidationLoss: z.number().nullable(),
  /** Samples' Hamming distance to the nearest training bitmap (0 = a copy). */
  hammingToNearestTraining: z.object({ mean: z.number(), median: z.number(), exactCopies: z.number().int() }),
  /** The yardstick: real held-out bitmaps' distance to the nearest training bitmap. */
  heldOutHammingToNearestTraining: z.object({ mean: z.number(), median: z.number(), exactCopies: z.number().int(), of: z.number().int() }),
  inkShare: pair,
  strokes: pair,
  sampleSecondsEach: z.number(),
});
export type ModelQuality = z.infer<typeof modelQualitySchema>;

export const qualityFileSchema = z.partialRecord(z.enum(MODEL_NAMES), modelQualitySchema);
export type QualityFile = z.infer<typeof qualityFileSchema>;
