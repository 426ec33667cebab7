import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_JPEG_SCANS } from "@/lib/vision/constants";
import { ImageInputError } from "@/lib/vision/errors";
import { countJpegScans, isJpeg } from "@/lib/vision/jpeg";
import { decodeImage } from "@/lib/vision/node";

const FIXTURES = path.resolve(__dirname, "../../fixtures/images");

/** A JPEG-shaped stream of `scans` SOS segments with a little entropy data each (stuffed 0xFF 0x00 and a restart marker inside). */
function scanBomb(scans: number): Uint8Array {
  const parts: number[] = [0xff, 0xd8];
  for (let s = 0; s < scans; s++) parts.push(0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56);
  parts.push(0xff, 0xd9);
  return Uint8Array.from(parts);
}

describe("JPEG scans, counted without decoding", () => {
  it("a baseline camera JPEG has one scan; a progressive one has several, all counted", async () => {
    const baseline = fs.readFileSync(path.join(FIXTURES, "dalmatian-image_0001.jpg"));
    expect(isJpeg(baseline)).toBe(true);
    expect(countJpegScans(baseline)).toBe(1);
    const progressive = await sharp(baseline).jpeg({ progressive: true, quality: 90 }).toBuffer();
    const scans = countJpegScans(progressive);
    expect(scans).toBeGreaterThan(1);
    expect(scans).toBeLessThanOrEqual(MAX_JPEG_SCANS);
    // and such a file still decodes
    await expect(decodeImage(progressive)).resolves.toMatchObject({ format: "jpeg" });
  });

  it("skips stuffed bytes and restart markers inside a scan, and stops counting past the limit", () => {
    expect(countJpegScans(scanBomb(3))).toBe(3);
    expect(countJpegScans(scanBomb(10_000), 64)).toBe(65);
    expect(countJpegScans(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBe(0); // PNG
  });

  it("decodeImage refuses a scan bomb before the decoder sees it", async () => {
    const bomb = scanBomb(8_000);
    await expect(decodeImage(bomb)).rejects.toThrow(ImageInputError);
    await expect(decodeImage(bomb)).rejects.toMatchObject({ code: "too_many_scans", kind: "too_large" });
  });
});
