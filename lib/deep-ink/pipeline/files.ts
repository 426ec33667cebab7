/** Node-side outputs of a run: GIF, PNG of the last frame, the --json summary. */
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { encodeRunGif, type GifOptions } from "../core/gif";
import { summarizeRun, type RunState } from "../core/ink";

async function write(file: string, data: Uint8Array | string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, data);
}

export async function writeRunGif(file: string, run: RunState, options: GifOptions = {}): Promise<number> {
  const bytes = encodeRunGif(run, options);
  await write(file, bytes);
  return bytes.length;
}

/** The current frame as a 1-bit-looking 8-bit grey PNG (black = 0, white = 255). */
export async function bitsToPng(bits: Uint8Array, size: number, scale = 1): Promise<Buffer> {
  const grey = Buffer.alloc(size * size);
  for (let i = 0; i < bits.length; i++) grey[i] = bits[i] ? 0 : 255;
  return sharp(grey, { raw: { width: size, height: size, channels: 1 } })
    .resize(size * scale, size * scale, { kernel: "nearest" })
    .png({ palette: true, colours: 2 })
    .toBuffer();
}

export async function writeRunPng(file: string, run: RunState, scale = 1): Promise<void> {
  await write(file, await bitsToPng(run.bits, run.options.size, scale));
}

export async function writeRunJson(file: string, run: RunState): Promise<void> {
  await write(file, JSON.stringify(summarizeRun(run)) + "\n");
}
