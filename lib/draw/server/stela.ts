import "server-only";
/** POST /api/draw/stela: glyphs from the glyph model, laid out and painted by lib/draw/core/stela, as PNG. */
import sharp from "sharp";
import { layoutStela, renderStela } from "../core/stela";
import type { StelaBody } from "../core/api-schema";
import { sampleModel } from "./models";

export async function stelaPng(body: StelaBody, signal?: AbortSignal): Promise<Uint8Array> {
  const { bitmaps } = await sampleModel("glyphs", body, signal);
  const img = renderStela(bitmaps, layoutStela(bitmaps), body.seed);
  return new Uint8Array(await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 4 } }).png().toBuffer());
}
