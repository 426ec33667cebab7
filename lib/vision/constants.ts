/**
 * Numbers of lib/vision that code without tfjs needs too (page bundles, zod schemas, the
 * worker's resize): no imports, so importing them never pulls in the model code.
 */

/** Width of the search embedding: MobileNet v1 0.75's pooled conv_pw_13_relu. */
export const EMBEDDING_DIM = 768;

/**
 * Most scans accepted in a progressive JPEG. Encoders write about 10 (libjpeg's default
 * script has 10, mozjpeg's up to ~20); every scan makes the decoder revisit the whole image,
 * so a 3 MB file with 8,000 scans cost 11.7 s of CPU before this limit.
 */
export const MAX_JPEG_SCANS = 64;

/** Largest width * height decoded: the server refuses larger images, the browser worker downscales them to fit. */
export const MAX_IMAGE_PIXELS = 40_000_000;
