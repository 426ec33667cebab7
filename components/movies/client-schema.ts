import { z } from "zod";
import { filmRefSchema } from "@/lib/movies/core/api-schema";

export * from "@/lib/movies/core/api-schema";

/** An API error body, with the suggestions an unknown title comes with. */
export const apiErrorWithSuggestions = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.object({ suggestions: z.array(filmRefSchema).optional() }).passthrough().optional(),
  }),
});
