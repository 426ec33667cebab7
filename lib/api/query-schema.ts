/**
 * zod helpers for values that arrive as text (query strings, multipart fields). Browser-safe
 * (zod only), so the demos' core api-schema.ts files use them; the route side is
 * lib/api/route.ts (parseQuery), which hands these schemas strictly decoded strings.
 */
import { z } from "zod";

/** Plain decimal digits: no sign other than "-", no padding or leading zeros, no hex, no exponent, no fraction. */
const PLAIN_INTEGER = /^(0|-?[1-9][0-9]*)$/;
const DECIMAL_FRACTION = /^-?[0-9]+\.[0-9]+$/;

/**
 * A whole number from a query string or form field, strictly: "10" and "-3" pass;
 * "0x10", "1e1", " 5", "05", "+5", "2.5", "" and repeated values do not (z.coerce.number
 * would take most of them). Bounds are checked on the number.
 */
export function queryInt(bounds: { min?: number; max?: number } = {}) {
  let number = z.number().int("must be a whole number");
  if (bounds.min !== undefined) number = number.min(bounds.min, `must be at least ${bounds.min}`);
  if (bounds.max !== undefined) number = number.max(bounds.max, `must be at most ${bounds.max}`);
  return z
    .string({ error: "must be a number written in plain decimal digits (like 10), given once" })
    .transform((text, ctx) => {
      if (PLAIN_INTEGER.test(text)) return Number(text);
      ctx.addIssue({
        code: "custom",
        message: DECIMAL_FRACTION.test(text) ? "must be a whole number" : "must be a number written in plain decimal digits (like 10)",
      });
      return z.NEVER;
    })
    .pipe(number);
}

/** For a route that takes no query parameters: any parameter is refused (parseQuery(request, noQuerySchema)). */
export const noQuerySchema = z.object({}).strict();
