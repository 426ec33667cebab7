import type { Bitmap } from "@/lib/draw/core/bitmap";
import type { StelaImage } from "@/lib/draw/core/stela";

/** Draws bitmaps in a grid of `cols`, each `cell` px (with a gap), ink in its own colour on white. */
export function drawBitmapGrid(canvas: HTMLCanvasElement, bitmaps: Bitmap[], cols: number, cell: number, colours: string[]) {
  const gap = Math.max(2, Math.round(cell / 8));
  const rows = Math.ceil(bitmaps.length / cols);
  canvas.width = cols * (cell + gap) + gap;
  canvas.height = rows * (cell + gap) + gap;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  bitmaps.forEach((b, i) => {
    const ox = gap + (i % cols) * (cell + gap);
    const oy = gap + Math.floor(i / cols) * (cell + gap);
    const px = cell / b.size;
    ctx.fillStyle = colours[i % colours.length];
    for (let y = 0; y < b.size; y++) {
      for (let x = 0; x < b.size; x++) if (b.pixels[y * b.size + x]) ctx.fillRect(ox + x * px, oy + y * px, Math.ceil(px), Math.ceil(px));
    }
  });
}

export function drawStelaImage(canvas: HTMLCanvasElement, img: StelaImage) {
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.getContext("2d")?.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
}

/** Saves the canvas as a PNG file. */
export function downloadCanvas(canvas: HTMLCanvasElement, filename: string) {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, "image/png");
}

export function unpackPixels(pixels: Uint8Array, size: number, count: number): Bitmap[] {
  const per = size * size;
  return Array.from({ length: count }, (_, i) => ({ size, pixels: pixels.slice(i * per, (i + 1) * per) }));
}
