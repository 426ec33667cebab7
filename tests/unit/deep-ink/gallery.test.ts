import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GALLERY } from "@/lib/deep-ink/pipeline/gallery";
import { deepInkCatalog } from "@/lib/deep-ink/server/catalog";

describe("the committed gallery (public/deep-ink/gallery)", () => {
  const { labels, gallery } = deepInkCatalog();

  it("has every entry the gallery list names, each a GIF of steps + 1 frames and a PNG, a few MB in all", async () => {
    expect(labels).toHaveLength(1000);
    expect(gallery.map((g) => g.id)).toEqual(GALLERY.map((g) => g.id));
    let bytes = 0;
    for (const g of gallery) {
      const gif = fs.readFileSync(path.resolve("public/deep-ink/gallery", g.gif));
      bytes += gif.length;
      expect(gif.length).toBe(g.gifBytes);
      const meta = await sharp(gif, { animated: true }).metadata();
      expect(meta.pages).toBe(g.steps + 1);
      expect(meta.width).toBe(g.size);
      expect(fs.existsSync(path.resolve("public/deep-ink/gallery", g.png))).toBe(true);
      // every run raised its activation
      expect(g.activationEnd).toBeGreaterThan(g.activationStart);
    }
    expect(bytes).toBeLessThan(5_000_000);
  });
});
