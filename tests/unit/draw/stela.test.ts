import { describe, expect, it } from "vitest";
import { fromRows, toRows, emptyBitmap } from "@/lib/draw/core/bitmap";
import { enclosedFill, layoutStela, renderStela } from "@/lib/draw/core/stela";

const rowsOf = (fill: Uint8Array, size: number) => Array.from({ length: size }, (_, y) => Array.from(fill.subarray(y * size, (y + 1) * size)).join(""));

describe("stela fill rule", () => {
  it("fills a closed ring's inside, not its outside", () => {
    const ring = fromRows(["00000000", "01111110", "01000010", "01000010", "01000010", "01000010", "01111110", "00000000"]);
    expect(rowsOf(enclosedFill(ring), 8)).toEqual(["00000000", "00000000", "00111100", "00111100", "00111100", "00111100", "00000000", "00000000"]);
  });

  it("leaves an open shape (a gap to the box's edge) unfilled", () => {
    const open = fromRows(["00000000", "01111110", "01000010", "01000000", "01000010", "01000010", "01111110", "00000000"]);
    expect(enclosedFill(open).every((v) => v === 0)).toBe(true);
  });

  it("does not fill when the middle is ink, nor a hole away from the middle", () => {
    const cross = fromRows(["0001000", "0001000", "0001000", "1111111", "0001000", "0001000", "0001000"]);
    expect(enclosedFill(cross).every((v) => v === 0)).toBe(true);
    // a small closed loop in a corner; the middle lies in open space
    const corner = fromRows(["1110000", "1010000", "1110000", "0000000", "0000000", "0000000", "0000001"]);
    expect(enclosedFill(corner).every((v) => v === 0)).toBe(true);
  });

  it("fills only the middle's area when a glyph has two enclosed areas", () => {
    const two = fromRows(["1111111", "1000001", "1111111", "1000001", "1000001", "1000001", "1111111"]);
    expect(rowsOf(enclosedFill(two), 7)).toEqual(["0000000", "0000000", "0000000", "0111110", "0111110", "0111110", "0000000"]);
  });
});

describe("stela layout", () => {
  const block = (w: number, h: number) => {
    const b = emptyBitmap(32);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) b.pixels[y * 32 + x] = 1;
    return b;
  };

  it("puts two consecutive narrow glyphs side by side and wide ones under each other", () => {
    const layout = layoutStela([block(12, 20), block(12, 10), block(30, 8), block(20, 8)], { cell: 32, gap: 4, columnHeight: 1000 });
    const [a, b, c, d] = layout.placements;
    expect(b.y).toBeGreaterThanOrEqual(a.y);
    expect(b.y + 10).toBeLessThanOrEqual(a.y + 20);
    expect(b.x).toBeGreaterThanOrEqual(a.x + 12);
    expect(c.y).toBeGreaterThanOrEqual(a.y + 20);
    expect(d.y).toBeGreaterThanOrEqual(c.y + 8);
    expect(layout.columns).toBe(1);
  });

  it("starts a new column when one is full and skips blank glyphs", () => {
    const glyphs = [block(30, 30), emptyBitmap(32), block(30, 30), block(30, 30)];
    const layout = layoutStela(glyphs, { cell: 32, gap: 4, columnHeight: 70 });
    expect(layout.placements.map((p) => p.glyph)).toEqual([0, 2, 3]);
    expect(layout.columns).toBe(2);
    expect(layout.placements[2].x).toBeGreaterThan(layout.placements[0].x);
  });

  it("renders ink dark, enclosed areas ochre and stone light, reproducibly from the seed", () => {
    const ring = fromRows(toRows(emptyBitmap(32)).map((r, y) => (y >= 4 && y <= 14 ? (y === 4 || y === 14 ? "0000" + "1".repeat(11) + "0".repeat(17) : "00001" + "0".repeat(9) + "1" + "0".repeat(17)) : r)));
    const layout = layoutStela([ring]);
    const img = renderStela([ring], layout, 7, 2);
    const p = layout.placements[0];
    const at = (bx: number, by: number) => Array.from(img.data.subarray(((by * 2) * img.width + bx * 2) * 4, ((by * 2) * img.width + bx * 2) * 4 + 3));
    const [r1, g1, b1] = at(p.x, p.y); // ring ink
    const [r2, g2, b2] = at(p.x + 5, p.y + 5); // inside: ochre
    const [r3, , b3] = at(1, 1); // stone
    expect(r1 + g1 + b1).toBeLessThan(400);
    expect(r2 - b2).toBeGreaterThan(100);
    expect(g2).toBeLessThan(r2);
    expect(r3 + b3).toBeGreaterThan(r1 + b1 + 100);
    expect(renderStela([ring], layout, 7, 2).data).toEqual(img.data);
  });
});
