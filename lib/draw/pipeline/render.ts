/**
 * SVG -> black-and-white bitmap with resvg: render supersampled, average the alpha of each
 * output pixel's block (its ink coverage), and call a pixel ink when coverage reaches the threshold.
 */
import { Resvg } from "@resvg/resvg-js";
import { emptyBitmap, type Bitmap } from "../core/bitmap";

export interface RenderOptions {
  size: number;
  /** Coverage in 0..1 from which a pixel is ink. */
  threshold: number;
  /** Render at size * supersample, then average blocks. */
  supersample?: number;
}

/** Ink coverage (0..1) per output pixel, row-major. */
export function svgCoverage(svg: string, size: number, supersample = 4): Float32Array {
  const big = size * supersample;
  const img = new Resvg(svg, { fitTo: { mode: "width", value: big }, font: { loadSystemFonts: false }, logLevel: "off" }).render();
  if (img.width !== big || img.height !== big) throw new Error(`svg rendered ${img.width}x${img.height}, expected square ${big}`);
  const rgba = img.pixels;
  const cov = new Float32Array(size * size);
  for (let y = 0; y < big; y++) {
    for (let x = 0; x < big; x++) {
      cov[Math.floor(y / supersample) * size + Math.floor(x / supersample)] += rgba[(y * big + x) * 4 + 3];
    }
  }
  const norm = 255 * supersample * supersample;
  for (let i = 0; i < cov.length; i++) cov[i] /= norm;
  return cov;
}

export function renderSvg(svg: string, { size, threshold, supersample = 4 }: RenderOptions): Bitmap {
  const cov = svgCoverage(svg, size, supersample);
  const b = emptyBitmap(size);
  for (let i = 0; i < cov.length; i++) b.pixels[i] = cov[i] >= threshold ? 1 : 0;
  return b;
}
