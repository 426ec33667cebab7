/**
 * Typed error for images we refuse to read. Browser-safe (no Node imports), so
 * both the pure preprocessing and the Node decoder can throw it, and an API
 * route can map `status` / `code` straight to a 4xx answer.
 */
export type ImageInputErrorCode =
  | "empty" // zero bytes
  | "too_large" // more bytes than allowed (checked before decoding)
  | "too_many_pixels" // width * height over the limit (checked from the header, before decoding)
  | "not_an_image" // not a format we can decode
  | "truncated" // recognised format, but the data ends early
  | "corrupt" // recognised format, but the decoder failed on it
  | "invalid_pixels"; // a pixel buffer whose size does not match width * height * channels

const STATUS: Record<ImageInputErrorCode, number> = {
  empty: 400,
  too_large: 413,
  too_many_pixels: 413,
  not_an_image: 415,
  truncated: 422,
  corrupt: 422,
  invalid_pixels: 400,
};

export class ImageInputError extends Error {
  /** Suggested HTTP status for an API answer. */
  readonly status: number;

  constructor(
    readonly code: ImageInputErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ImageInputError";
    this.status = STATUS[code];
  }
}

export function isImageInputError(err: unknown): err is ImageInputError {
  return err instanceof ImageInputError;
}
