import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ImageInputError, preprocess } from "@/lib/vision";
import { decodeImage } from "@/lib/vision/node";
import { pngDeclaring } from "@/tests/helpers/image-search";

const FIXTURES = path.resolve(__dirname, "../../fixtures/images");
const jpeg = fs.readFileSync(path.join(FIXTURES, "dalmatian-image_0001.jpg"));

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; kind: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ImageInputError);
    const e = err as ImageInputError;
    return { code: e.code, kind: e.kind, details: e.details };
  }
  throw new Error("expected an ImageInputError");
}



describe("decodeImage: bad input -> typed errors", () => {
  it("random bytes -> not_an_image", async () => {
    let seed = 12345;
    const bytes = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    expect(await codeOf(decodeImage(bytes))).toMatchObject({ code: "not_an_image", kind: "unsupported_media_type" });
  });

  it("truncated JPEG -> truncated", async () => {
    expect(await codeOf(decodeImage(jpeg.subarray(0, Math.floor(jpeg.length / 2))))).toMatchObject({
      code: "truncated",
      kind: "unprocessable",
    });
  });

  it("a PNG header declaring 30000x30000 pixels -> too_many_pixels, without decoding", async () => {
    // A header alone, no pixel data: only a check of the declared size can answer
    // too_many_pixels (a decode would fail as truncated). Speed: bench/image-search-speed.
    const bytes = pngDeclaring(30000, 30000);
    expect(bytes.length).toBeLessThan(200);
    const err = await codeOf(decodeImage(bytes));
    expect(err).toMatchObject({ code: "too_many_pixels", kind: "too_large", details: { width: 30000, height: 30000 } });
  });

  it("too many bytes -> too_large before decoding; empty -> empty", async () => {
    expect(await codeOf(decodeImage(jpeg, { maxBytes: 1000 }))).toMatchObject({ code: "too_large", kind: "too_large" });
    expect(await codeOf(decodeImage(new Uint8Array(0)))).toMatchObject({ code: "empty", kind: "invalid_input" });
  });

  it("the pixel limit is configurable", async () => {
    expect(await codeOf(decodeImage(jpeg, { maxPixels: 100 * 100 }))).toMatchObject({ code: "too_many_pixels" });
  });

  it("formats outside the allow-list (SVG) -> not_an_image", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await codeOf(decodeImage(svg))).toMatchObject({ code: "not_an_image" });
  });
});

describe("decodeImage: good input", () => {
  it("decodes a JPEG to 8-bit RGB at full size", async () => {
    const img = await decodeImage(jpeg);
    expect(img).toMatchObject({ width: 300, height: 249, channels: 3, format: "jpeg" });
    expect(img.data.length).toBe(300 * 249 * 3);
    expect(preprocess(img).length).toBe(224 * 224 * 3);
  });

  it("rotates per EXIF orientation", async () => {
    // 40x20: left half black, right half white, tagged "rotate 90 clockwise" (6)
    const raw = Buffer.alloc(40 * 20 * 3);
    for (let y = 0; y < 20; y++) for (let x = 20; x < 40; x++) raw.fill(255, (y * 40 + x) * 3, (y * 40 + x) * 3 + 3);
    const bytes = await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImage(bytes);
    expect([img.width, img.height]).toEqual([20, 40]);
    // after rotating 90 degrees clockwise the former left (black) half is on top
    expect(img.data[(2 * 20 + 10) * 3]).toBeLessThan(40);
    expect(img.data[(37 * 20 + 10) * 3]).toBeGreaterThan(215);
  });

  it("flattens alpha onto white and expands grey to RGB", async () => {
    const rgba = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const a = await decodeImage(rgba);
    expect(a.channels).toBe(3);
    expect(Array.from(new Set(a.data))).toEqual([255]);

    const grey = await sharp(Buffer.alloc(8 * 8, 77), { raw: { width: 8, height: 8, channels: 1 } })
      .toColourspace("b-w")
      .png()
      .toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    const g = await decodeImage(grey);
    expect(g.data.length).toBe(8 * 8 * 3);
    expect(Array.from(new Set(g.data))).toEqual([77]);
  });
});
