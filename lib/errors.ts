/**
 * Errors meant for the caller, raised by the app's own logic. Browser-safe and free of
 * HTTP: lib code says *what* went wrong (a kind from a small closed set, a snake_case code,
 * a human message); only the route boundary (`apiRoute` in lib/api/route.ts) turns the
 * kind into a status, so lib stays usable from scripts, workers and tests alike.
 */
import type { ZodError } from "zod";

/** Closed on purpose: each kind has exactly one HTTP status at the boundary. */
export type DomainErrorKind =
  | "invalid_input" // the caller sent something we cannot use
  | "not_found" // a named thing does not exist
  | "too_large" // bytes or pixels over a limit
  | "unsupported_media_type" // a format we do not read
  | "unprocessable" // a known format, but the data is broken
  | "forbidden" // the caller may not do this (a missing or wrong admin token)
  | "busy"; // refused for load; trying again later may work

export type ErrorDetails = Record<string, unknown>;

export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: Code,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

export const invalidInput = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("invalid_input", code, message, details);
export const notFound = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("not_found", code, message, details);
export const tooLarge = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("too_large", code, message, details);
export const unsupportedMediaType = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("unsupported_media_type", code, message, details);
export const unprocessable = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("unprocessable", code, message, details);
export const forbidden = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("forbidden", code, message, details);
export const busy = (code: string, message: string, details?: ErrorDetails) =>
  new DomainError("busy", code, message, details);

/** "k: Too big: expected number to be <=100; q: Required" - short and specific. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
