/**
 * Hieroglyphs from a font: each glyph's outline (opentype.js) as an SVG path, scaled so its
 * bounding box's longer side fills the square (a margin of one pixel), centred, then rendered
 * by resvg like the icons.
 */
import opentype, { type Font } from "opentype.js";
import type { Bitmap } from "../core/bitmap";
import { renderSvg } from "./render";

/** Egyptian Hieroglyphs block and the font's private-use extras. */
export const GLYPH_RANGES: [number, number][] = [
  [0x13000, 0x1342f],
  [0xf3000, 0xf4b95],
];

/** The font draws outlines of about a third of a pixel at 32x32: a low coverage threshold keeps strokes connected. */
export const GLYPH_THRESHOLD = 0.2;

export function loadFont(bytes: Uint8Array): Font {
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** SVG of one glyph in a square viewBox, or null when the glyph has no outline. */
export function glyphSvg(font: Font, codePoint: number, size: number): string | null {
  const glyph = font.charToGlyph(String.fromCodePoint(codePoint));
  // a missing character maps to .notdef, which carries no code point
  if (!glyph || (glyph.unicode !== codePoint && !(glyph.unicodes ?? []).includes(codePoint))) return null;
  const path = glyph.getPath(0, 0, font.unitsPerEm);
  const d = path.toPathData(2);
  if (!d) return null;
  const box = path.getBoundingBox();
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  if (!(w > 0 && h > 0)) return null;
  const side = (Math.max(w, h) * size) / (size - 2);
  const x0 = box.x1 - (side - w) / 2;
  const y0 = box.y1 - (side - h) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${x0} ${y0} ${side} ${side}"><path d="${d}" fill="#000"/></svg>`;
}

export interface RenderedGlyph {
  codePoint: number;
  bitmap: Bitmap;
}

export function* renderGlyphs(font: Font, size: number, threshold: number): Generator<RenderedGlyph> {
  for (const [lo, hi] of GLYPH_RANGES) {
    for (let cp = lo; cp <= hi; cp++) {
      const svg = glyphSvg(font, cp, size);
      if (svg) yield { codePoint: cp, bitmap: renderSvg(svg, { size, threshold }) };
    }
  }
}
