/**
 * Typed error for images we refuse to read. Browser-safe (no Node imports), so
 * both the pure preprocessing and the Node decoder can throw it. It is a DomainError:
 * its code picks a kind, and an API route answers it like any other (no HTTP here).
 */
import { DomainError, type DomainErrorKind } from "@/lib/errors";

export type ImageInputErrorCode =
  | "empty" // zero bytes
  | "too_large" // more bytes than allowed (checked before decoding)
  | "too_many_pixels" // width * height over the limit (checked from the header, before decoding)
  | "not_an_image" // not a format we can decode
  | "too_many_scans" // a JPEG with more progressive scans than any camera writes (each one re-decodes the image)
  | "decode_timeout" // the decoder ran past its deadline
  | "truncated" // recognised format, but the data ends early
  | "corrupt" // recognised format, but the decoder failed on it
  | "invalid_pixels"; // a pixel buffer whose size does not match width * height * channels

const KIND: Record<ImageInputErrorCode, DomainErrorKind> = {
  empty: "invalid_input",
  too_large: "too_large",
  too_many_pixels: "too_large",
  not_an_image: "unsupported_media_type",
  too_many_scans: "too_large",
  decode_timeout: "unprocessable",
  truncated: "unprocessable",
  corrupt: "unprocessable",
  invalid_pixels: "invalid_input",
};

export class ImageInputError extends DomainError<ImageInputErrorCode> {
  constructor(code: ImageInputErrorCode, message: string, details?: Record<string, unknown>) {
    super(KIND[code], code, message, details);
    this.name = "ImageInputError";
  }
}
