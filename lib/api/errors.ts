import { z } from "zod";

/** The one error shape every API route answers with. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

// Errors themselves are lib's DomainErrors (lib/errors.ts); apiRoute maps them to this shape.
export { describeZodError } from "@/lib/errors";
