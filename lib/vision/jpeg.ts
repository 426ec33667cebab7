/**
 * JPEG structure read without decoding a pixel: the number of scans (SOS segments), so a
 * decoder bomb is refused before the decoder spends seconds on it. Browser-safe, pure.
 */

/** True for the JPEG start-of-image marker. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

/**
 * Scans (SOS markers) in a JPEG, counting at most `stopAfter` + 1 (enough to tell "too
 * many"). Walks the marker segments by their lengths and skips each scan's entropy-coded
 * data (where 0xFF is followed by 0x00 stuffing or a restart marker). A stream that ends
 * early just ends the count: the decoder reports truncation with a better message.
 */
export function countJpegScans(bytes: Uint8Array, stopAfter = Infinity): number {
  if (!isJpeg(bytes)) return 0;
  let scans = 0;
  let i = 2;
  const n = bytes.length;
  while (i + 1 < n) {
    if (bytes[i] !== 0xff) {
      i++; // not at a marker: resynchronise
      continue;
    }
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) break; // end of image
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    if (i + 3 >= n) break;
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    i += 2 + length;
    if (marker !== 0xda) continue;
    if (++scans > stopAfter) return scans;
    // Entropy-coded data runs to the next marker that is neither stuffing nor a restart.
    while (i + 1 < n && !(bytes[i] === 0xff && bytes[i + 1] !== 0x00 && !(bytes[i + 1] >= 0xd0 && bytes[i + 1] <= 0xd7))) i++;
  }
  return scans;
}
