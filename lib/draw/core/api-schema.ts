/** Request and response schemas of /api/draw/sample and /api/draw/stela (zod, strict). */
import { z } from "zod";
import { MODEL_NAMES } from "./models";

const drawBase = {
  count: z.number().int().min(1).max(64),
  temperature: z.number().min(0.1).max(2),
  seed: z.number().int().min(-2147483648).max(4294967295),
};

export const sampleBodySchema = z.strictObject({ model: z.enum(MODEL_NAMES), ...drawBase });
export type SampleBody = z.infer<typeof sampleBodySchema>;

export const stelaBodySchema = z.strictObject(drawBase);
export type StelaBody = z.infer<typeof stelaBodySchema>;

export const sampleResponseSchema = z.object({
  samples: z.array(z.object({ size: z.union([z.literal(8), z.literal(32)]), rows: z.array(z.string()) })),
  rejected: z.number().int().min(0),
});
export type SampleResponse = z.infer<typeof sampleResponseSchema>;
