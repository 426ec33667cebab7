// The part of opentype.js 2.0.0 the draw pipeline and its tests use (the package ships no types).
declare module "opentype.js" {
  export interface BoundingBox {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
  }
  export class Path {
    moveTo(x: number, y: number): void;
    lineTo(x: number, y: number): void;
    close(): void;
    toPathData(decimalPlaces?: number): string;
    getBoundingBox(): BoundingBox;
  }
  export class Glyph {
    constructor(options: { name: string; unicode?: number; advanceWidth: number; path: Path });
    index: number;
    name: string | null;
    unicode?: number;
    unicodes: number[];
    getPath(x: number, y: number, fontSize: number): Path;
  }
  export class Font {
    constructor(options: { familyName: string; styleName: string; unitsPerEm: number; ascender: number; descender: number; glyphs: Glyph[] });
    unitsPerEm: number;
    numGlyphs: number;
    glyphs: { length: number; get(index: number): Glyph };
    charToGlyph(ch: string): Glyph;
  }
  const opentype: { parse(buffer: ArrayBuffer): Font; Font: typeof Font; Glyph: typeof Glyph; Path: typeof Path };
  export default opentype;
}
