import { invalidInput } from "@/lib/errors";
import { apiMethods, parseQuery } from "@/lib/api/route";
import { distanceWithAlignment } from "@/lib/numbers/core/distance";
import { noLettersMessage, wordProblem } from "@/lib/numbers/core/playground";
import { distanceQuerySchema } from "@/lib/numbers/core/schema";

export const dynamic = "force-dynamic";

/**
 * `?a=WORD&b=WORD`: the weighted edit distance between two words and the cheapest
 * alignment, operation by operation. `a` and `b` in the answer are the normalised words.
 * Pure computation (the page runs the same function in the browser); no database.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { a, b } = parseQuery(request, distanceQuerySchema);
    for (const [field, word] of [["a", a], ["b", b]] as const) {
      if (wordProblem(word)?.code === "no_letters") throw invalidInput("no_letters", `${field}: ${noLettersMessage(word)}`);
    }
    return Response.json(distanceWithAlignment(a, b));
  },
});
