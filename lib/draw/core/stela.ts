/**
 * The stela: generated glyphs carved in columns on sandstone, as in the post's renderer.
 *  - Glyphs (cropped to their ink) stack top to bottom in columns of one cell's width; two
 *    consecutive glyphs sit side by side when both fit the column width together.
 *  - An enclosed area that holds the glyph's middle and does not reach the glyph's bounding
 *    box is filled ochre (`enclosedFill`).
 *  - Ink in dark and brown tones, a little different per glyph and per pixel.
 * Pure: layout and an RGBA raster; the server encodes it as PNG, the page puts it on a canvas.
 */
import { createRng } from "../../ml/rng";
import { inkBox, type Bitmap } from "./bitmap";

/**
 * Pixels of the empty area (4-connected) around the ink box's middle, when that area
 * touches no edge of the ink box; else none. 1 = fill. Same size as the bitmap.
 */
export function enclosedFill(b: Bitmap): Uint8Array {
  const fill = new Uint8Array(b.pixels.length);
  const box = inkBox(b);
  if (!box) return fill;
  const n = b.size;
  const mx = Math.floor((box.x0 + box.x1) / 2);
  const my = Math.floor((box.y0 + box.y1) / 2);
  if (b.pixels[my * n + mx]) return fill;
  const stack = [my * n + mx];
  fill[my * n + mx] = 1;
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % n;
    const y = (p - x) / n;
    if (x === box.x0 || x === box.x1 || y === box.y0 || y === box.y1) return new Uint8Array(b.pixels.length); // reaches the box: open
    for (const q of [p - 1, p + 1, p - n, p + n]) {
      if (!fill[q] && !b.pixels[q]) {
        fill[q] = 1;
        stack.push(q);
      }
    }
  }
  return fill;
}

export interface Placement {
  /** Index into the glyph list. */
  glyph: number;
  /** Top-left in bitmap pixels on the stela (before scaling). */
  x: number;
  y: number;
  /** The glyph's ink box inside its bitmap. */
  crop: { x0: number; y0: number; x1: number; y1: number };
}

export interface StelaLayout {
  width: number;
  height: number;
  columns: number;
  placements: Placement[];
}

export interface StelaLayoutOptions {
  /** Column width in bitmap pixels (one cell). */
  cell: number;
  /** Gap between glyphs and around the columns. */
  gap: number;
  /** Glyphs per column before a new one starts, counted in full cells of height. */
  columnHeight: number;
}

export const DEFAULT_STELA_LAYOUT: StelaLayoutOptions = { cell: 32, gap: 4, columnHeight: 6 * 32 };

/**
 * A column height that makes the stela about 4:3 portrait for these glyphs: the glyphs'
 * stacked height (ignoring pairs) spread over enough columns, at least two cells tall.
 */
export function stelaColumnHeight(glyphs: Bitmap[], cell = DEFAULT_STELA_LAYOUT.cell, gap = DEFAULT_STELA_LAYOUT.gap): number {
  let stacked = 0;
  for (const g of glyphs) {
    const box = inkBox(g);
    if (box) stacked += box.y1 - box.y0 + 1 + gap;
  }
  const columns = Math.max(1, Math.round(Math.sqrt((stacked * 3) / (4 * (cell + gap)))));
  return Math.max(2 * cell, Math.ceil(stacked / columns));
}

/** Places non-blank glyphs; blank ones are skipped. The default column height suits the glyphs (stelaColumnHeight). */
export function layoutStela(glyphs: Bitmap[], options?: StelaLayoutOptions): StelaLayout {
  const opts = options ?? { ...DEFAULT_STELA_LAYOUT, columnHeight: stelaColumnHeight(glyphs) };
  const items = glyphs.map((g, i) => ({ i, box: inkBox(g) })).filter((g) => g.box !== null) as { i: number; box: NonNullable<ReturnType<typeof inkBox>> }[];
  const w = (k: number) => items[k].box.x1 - items[k].box.x0 + 1;
  const h = (k: number) => items[k].box.y1 - items[k].box.y0 + 1;
  const placements: Placement[] = [];
  let col = 0;
  let y = opts.gap;
  let maxY = 0;
  const colX = (c: number) => opts.gap + c * (opts.cell + opts.gap);
  for (let k = 0; k < items.length; k++) {
    const pair = k + 1 < items.length && w(k) + opts.gap + w(k + 1) <= opts.cell;
    const rowH = pair ? Math.max(h(k), h(k + 1)) : h(k);
    if (y > opts.gap && y + rowH > opts.gap + opts.columnHeight) {
      col++;
      y = opts.gap;
    }
    const x0 = colX(col);
    if (pair) {
      const total = w(k) + opts.gap + w(k + 1);
      const left = x0 + Math.floor((opts.cell - total) / 2);
      placements.push({ glyph: items[k].i, x: left, y: y + Math.floor((rowH - h(k)) / 2), crop: items[k].box });
      placements.push({ glyph: items[k + 1].i, x: left + w(k) + opts.gap, y: y + Math.floor((rowH - h(k + 1)) / 2), crop: items[k + 1].box });
      k++;
    } else {
      placements.push({ glyph: items[k].i, x: x0 + Math.floor((opts.cell - w(k)) / 2), y, crop: items[k].box });
    }
    y += rowH + opts.gap;
    maxY = Math.max(maxY, y);
  }
  const columns = placements.length ? col + 1 : 0;
  return { width: opts.gap + Math.max(1, columns) * (opts.cell + opts.gap), height: Math.max(maxY, opts.gap * 2 + opts.cell), columns, placements };
}

export interface StelaImage {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8ClampedArray;
}

const SANDSTONE: [number, number, number] = [214, 184, 138];
const OCHRE: [number, number, number] = [205, 142, 48];
const INKS: [number, number, number][] = [
  [46, 30, 22],
  [72, 44, 26],
  [95, 58, 32],
  [38, 34, 32],
  [110, 66, 38],
];

/** The stela as RGBA at `scale` screen pixels per bitmap pixel; the seed varies stone and ink. */
export function renderStela(glyphs: Bitmap[], layout: StelaLayout, seed: number, scale = 4): StelaImage {
  const rng = createRng(seed ^ 0x5eed);
  const width = layout.width * scale;
  const height = layout.height * scale;
  const data = new Uint8ClampedArray(width * height * 4);
  // sandstone: per-pixel grain plus soft horizontal strata
  const strata = Array.from({ length: 6 }, () => ({ f: 0.01 + rng.next() * 0.05, p: rng.next() * 6.3, a: 2 + rng.next() * 3 }));
  for (let y = 0; y < height; y++) {
    const band = strata.reduce((s, l) => s + l.a * Math.sin(y * l.f + l.p), 0);
    for (let x = 0; x < width; x++) {
      const grain = (rng.next() - 0.5) * 22;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = SANDSTONE[c] + band + grain;
      data[o + 3] = 255;
    }
  }
  // incised column rules
  for (let c = 1; c < layout.columns; c++) {
    const x = (c * (DEFAULT_STELA_LAYOUT.cell + DEFAULT_STELA_LAYOUT.gap) + Math.floor(DEFAULT_STELA_LAYOUT.gap / 2)) * scale;
    for (let y = scale; y < height - scale; y++) {
      const o = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) data[o + k] = data[o + k] * 0.7;
    }
  }
  const paint = (bx: number, by: number, rgb: [number, number, number], jitter: number) => {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const px = bx * scale + dx;
        const py = by * scale + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const o = (py * width + px) * 4;
        const v = (rng.next() - 0.5) * jitter;
        for (let c = 0; c < 3; c++) data[o + c] = rgb[c] + v;
      }
    }
  };
  for (const p of layout.placements) {
    const g = glyphs[p.glyph];
    const base = INKS[rng.int(INKS.length)];
    const ink: [number, number, number] = [base[0] + rng.int(12), base[1] + rng.int(10), base[2] + rng.int(8)];
    const fill = enclosedFill(g);
    for (let y = p.crop.y0; y <= p.crop.y1; y++) {
      for (let x = p.crop.x0; x <= p.crop.x1; x++) {
        const i = y * g.size + x;
        const sx = p.x + x - p.crop.x0;
        const sy = p.y + y - p.crop.y0;
        if (g.pixels[i]) paint(sx, sy, ink, 18);
        else if (fill[i]) paint(sx, sy, OCHRE, 16);
      }
    }
  }
  return { width, height, data };
}
