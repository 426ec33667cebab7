/**
 * Icon sets from npm (devDependencies, pinned): tabler's outline icons and icons8's Line Awesome,
 * both MIT. Each SVG is rendered at 8x8 and 32x32; each resolution is deduplicated on its own.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { bitmapKey, inkCount, type Bitmap } from "../core/bitmap";
import { renderSvg } from "./render";

export interface IconSet {
  name: string;
  licence: string;
  dir: string;
}

export function iconSets(root: string = process.cwd()): IconSet[] {
  const req = createRequire(path.join(root, "package.json"));
  const pkgDir = (name: string) => path.dirname(req.resolve(`${name}/package.json`));
  return [
    { name: "@tabler/icons (outline)", licence: "MIT", dir: path.join(pkgDir("@tabler/icons"), "icons", "outline") },
    { name: "line-awesome", licence: "MIT (or icons8 Good Boy License)", dir: path.join(pkgDir("line-awesome"), "svg") },
  ];
}

export function listSvgs(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".svg"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Thresholds on ink coverage: 8x8 keeps thin strokes (a 2/24 stroke covers a third of a pixel). */
export const ICON_RENDER = {
  8: { size: 8, threshold: 0.3, supersample: 8 },
  32: { size: 32, threshold: 0.5, supersample: 4 },
} as const;

/** Keeps the first of each distinct non-blank bitmap. */
export function dedupe(bitmaps: Bitmap[]): Bitmap[] {
  const seen = new Set<string>();
  return bitmaps.filter((b) => {
    if (inkCount(b) === 0) return false;
    const k = bitmapKey(b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function renderIconFile(file: string, size: 8 | 32): Bitmap {
  return renderSvg(fs.readFileSync(file, "utf8"), ICON_RENDER[size]);
}
