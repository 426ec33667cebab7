// The part of opentype.js 2.0.0 the draw pipeline uses (the package ships no types).
declare module "opentype.js" {
  export interface BoundingBox {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
  }
  export interface Path {
    toPathData(decimalPlaces?: number): string;
    getBoundingBox(): BoundingBox;
  }
  export interface Glyph {
    index: number;
    name: string | null;
    unicode?: number;
    unicodes: number[];
    getPath(x: number, y: number, fontSize: number): Path;
  }
  export interface Font {
    unitsPerEm: number;
    numGlyphs: number;
    glyphs: { length: number; get(index: number): Glyph };
    charToGlyph(ch: string): Glyph;
  }
  const opentype: { parse(buffer: ArrayBuffer): Font };
  export default opentype;
}
