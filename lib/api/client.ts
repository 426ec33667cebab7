/**
 * Browser side of the one error shape: every page's API call goes through `fetchApi`,
 * which validates the answer with the route's zod response schema and, for a 4xx/5xx,
 * throws the server's `{"error": {"code", "message", "details"?}}` as an ApiResponseError
 * a page can show. Pages keep their calls in `components/<demo>/api.ts`.
 */
import type { z } from "zod";

export class ApiResponseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiResponseError";
  }
}

/** A route's JSON; throws ApiResponseError for an error answer (status 0 = the server could not be reached). */
export async function readApiJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as
    | { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
    | null;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiResponseError(response.status, error?.code ?? "http_error", error?.message ?? `The server answered ${response.status}.`, error?.details);
  }
  return body as T;
}

/** fetch + readApiJson + the response schema. A network failure becomes ApiResponseError(0, "unreachable"). */
export async function fetchApi<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiResponseError(0, "unreachable", "Could not reach the server.");
  }
  return schema.parse(await readApiJson<unknown>(response));
}

/** Options for a JSON POST. */
export function jsonPost(body: unknown, signal?: AbortSignal): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal };
}
