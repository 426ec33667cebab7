import opentype from "opentype.js";
import { describe, expect, it } from "vitest";
import { toRows } from "@/lib/draw/core/bitmap";
import { GLYPH_THRESHOLD, glyphSvg } from "@/lib/draw/pipeline/glyphs";
import { dedupe } from "@/lib/draw/pipeline/icons";
import { renderSvg } from "@/lib/draw/pipeline/render";

const block = (size: number, x0: number, y0: number, x1: number, y1: number) =>
  Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => (x >= x0 && x <= x1 && y >= y0 && y <= y1 ? "1" : "0")).join(""));

describe("rendering to bitmaps", () => {
  it("an SVG rectangle becomes exactly its pixels; a half-covered pixel follows the threshold", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" viewBox="0 0 8 8"><rect x="2" y="1" width="4" height="3.5" fill="#000"/></svg>`;
    expect(toRows(renderSvg(svg, { size: 8, threshold: 0.6 }))).toEqual(block(8, 2, 1, 5, 3));
    expect(toRows(renderSvg(svg, { size: 8, threshold: 0.4 }))).toEqual(block(8, 2, 1, 5, 4));
  });

  it("a font glyph's outline is scaled so its longer side fills the square (1 px margin) and centred", () => {
    const path = new opentype.Path();
    path.moveTo(100, 100);
    path.lineTo(900, 100);
    path.lineTo(900, 500);
    path.lineTo(100, 500);
    path.close();
    const font = new opentype.Font({
      familyName: "Test",
      styleName: "Regular",
      unitsPerEm: 1000,
      ascender: 800,
      descender: -200,
      glyphs: [new opentype.Glyph({ name: ".notdef", advanceWidth: 500, path: new opentype.Path() }), new opentype.Glyph({ name: "box", unicode: 0x13000, advanceWidth: 1000, path })],
    });
    const svg = glyphSvg(font, 0x13000, 32);
    expect(svg).not.toBeNull();
    // 800 x 400 units -> 30 x 15 px, centred: columns 1-30, rows 8.5-23.5 (half-covered edge rows count as ink)
    expect(toRows(renderSvg(svg!, { size: 32, threshold: GLYPH_THRESHOLD }))).toEqual(block(32, 1, 8, 30, 23));
    expect(glyphSvg(font, 0x13001, 32)).toBeNull();
  });

  it("deduplication keeps the first of equal bitmaps and drops blank ones", () => {
    const a = renderSvg(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect x="1" y="1" width="2" height="2"/></svg>`, { size: 8, threshold: 0.5 });
    const blank = renderSvg(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>`, { size: 8, threshold: 0.5 });
    expect(dedupe([a, blank, { size: 8, pixels: a.pixels.slice() }])).toEqual([a]);
  });
});
