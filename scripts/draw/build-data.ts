/**
 * npm run draw:data -- --font PATH/AegyptusR_hint.ttf
 * Renders the npm icon sets to 8x8 and 32x32 and the font's hieroglyphs to 32x32, deduplicates,
 * and writes packed bitmaps to data/draw/{icons8,icons32,glyphs}.json.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { packBitmaps, inkCount, type Bitmap } from "@/lib/draw/core/bitmap";
import { dedupe, iconSets, listSvgs, renderIconFile } from "@/lib/draw/pipeline/icons";
import { GLYPH_THRESHOLD, loadFont, renderGlyphs } from "@/lib/draw/pipeline/glyphs";
import { consoleProgress } from "@/lib/progress";

const { values } = parseArgs({ options: { font: { type: "string" }, out: { type: "string", default: "data/draw" } } });
if (!values.font) {
  console.error("usage: npm run draw:data -- --font PATH/AegyptusR_hint.ttf [--out data/draw]");
  process.exit(2);
}
const out = values.out!;
fs.mkdirSync(out, { recursive: true });

function write(name: string, size: number, bitmaps: Bitmap[], extra: Record<string, unknown>) {
  const ink = bitmaps.reduce((s, b) => s + inkCount(b), 0) / (bitmaps.length * size * size);
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ ...extra, inkShare: Number(ink.toFixed(4)), ...packBitmaps(size, bitmaps) }) + "\n");
  console.log(`${name}: ${bitmaps.length} bitmaps ${size}x${size}, ink share ${(ink * 100).toFixed(1)}%`);
}

const sets = iconSets();
const files = sets.flatMap((s) => listSvgs(s.dir).map((f) => ({ set: s.name, f })));
const r8: Bitmap[] = [];
const r32: Bitmap[] = [];
const bar = consoleProgress("icons", files.length);
files.forEach(({ f }, i) => {
  r8.push(renderIconFile(f, 8));
  r32.push(renderIconFile(f, 32));
  if (i % 200 === 0) bar.update(i + 1);
});
bar.update(files.length);
const sources = sets.map((s) => ({ name: s.name, licence: s.licence, svgs: files.filter((x) => x.set === s.name).length }));
write("icons8", 8, dedupe(r8), { sources });
write("icons32", 32, dedupe(r32), { sources });

const font = loadFont(new Uint8Array(fs.readFileSync(values.font)));
const glyphs: { codePoint: number; bitmap: Bitmap }[] = [];
for (const g of renderGlyphs(font, 32, GLYPH_THRESHOLD)) {
  glyphs.push(g);
  if (glyphs.length % 1000 === 0) console.log(`glyphs: ${glyphs.length}`);
}
const unique = dedupe(glyphs.map((g) => g.bitmap));
write("glyphs", 32, unique, { sources: [{ name: path.basename(values.font), licence: "free for any use (George Douros, Aegyptus)", glyphs: glyphs.length }] });
