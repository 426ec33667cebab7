/**
 * Browser side of the one error shape: reads a route's JSON and, for a 4xx/5xx, throws
 * the server's `{"error": {"code", "message"}}` as an ApiResponseError a page can show.
 */
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
