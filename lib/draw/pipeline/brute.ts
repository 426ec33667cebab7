/**
 * The exhaustive 4x4 run behind `npm run draw:brute`: every one of the 65,536 images
 * classified in batches, the top-1 label of each kept in a table on disk that is rewritten
 * (atomically) after every chunk, so a stopped run resumes where it was.
 *
 * Table file: 65,536 little-endian uint16 label indexes (0xffff = not classified yet),
 * then 65,536 float32 probabilities. 384 KB; committed with the results, so a different
 * threshold needs no new run.
 */
import fs from "node:fs";
import path from "node:path";
import type { FunctionalMobileNet } from "@/lib/vision/functional";
import { BRUTE_TOTAL, fileOfIcons, keepConfident, type BruteIconsFile, type TopLabel } from "../core/brute";
import { classifyBits } from "../core/brute-classify";

const NOT_DONE = 0xffff;

export interface TopTable {
  labels: Uint16Array;
  probabilities: Float32Array;
}

export function emptyTopTable(total = BRUTE_TOTAL): TopTable {
  return { labels: new Uint16Array(total).fill(NOT_DONE), probabilities: new Float32Array(total) };
}

export function readTopTable(file: string, total = BRUTE_TOTAL): TopTable {
  if (!fs.existsSync(file)) return emptyTopTable(total);
  const buf = fs.readFileSync(file);
  if (buf.byteLength !== total * 6) throw new Error(`${file}: ${buf.byteLength} bytes, expected ${total * 6} for ${total} images`);
  const labels = new Uint16Array(total);
  const probabilities = new Float32Array(total);
  for (let i = 0; i < total; i++) {
    labels[i] = buf.readUInt16LE(i * 2);
    probabilities[i] = buf.readFloatLE(total * 2 + i * 4);
  }
  return { labels, probabilities };
}

export function writeTopTable(file: string, table: TopTable): void {
  const total = table.labels.length;
  const buf = Buffer.alloc(total * 6);
  for (let i = 0; i < total; i++) {
    buf.writeUInt16LE(table.labels[i], i * 2);
    buf.writeFloatLE(table.probabilities[i], total * 2 + i * 4);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, buf);
  fs.renameSync(tmp, file);
}

export function classifiedCount(table: TopTable): number {
  let n = 0;
  for (const l of table.labels) if (l !== NOT_DONE) n++;
  return n;
}

export function tableTops(table: TopTable): (TopLabel | undefined)[] {
  return Array.from(table.labels, (label, i) => (label === NOT_DONE ? undefined : { label, probability: table.probabilities[i] }));
}

export interface BruteRunOptions {
  size: number;
  /** Images per forward pass. */
  batch: number;
  /** Batches between two table writes. */
  batchesPerSave?: number;
  /** Only these bits (default: all 65,536); for tests and slices. */
  bits?: readonly number[];
  /** Work from the highest bits down (a second process on the same table meets the first in the middle). */
  reverse?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches. */
  signal?: AbortSignal;
}

/** Takes what another process on the same file classified meanwhile. */
function mergeFromDisk(file: string, table: TopTable): void {
  const disk = readTopTable(file);
  for (let i = 0; i < table.labels.length; i++) {
    if (table.labels[i] === NOT_DONE && disk.labels[i] !== NOT_DONE) {
      table.labels[i] = disk.labels[i];
      table.probabilities[i] = disk.probabilities[i];
    }
  }
}

/**
 * Classifies every image the table has not got yet and writes the table to `file` as it
 * goes. Every write first merges what the file holds, so two processes (one with
 * `reverse`) can share a file and skip each other's work. Returns the table (complete
 * unless aborted).
 */
export async function runBrute(net: FunctionalMobileNet, file: string | null, options: BruteRunOptions): Promise<TopTable> {
  const table = file ? readTopTable(file) : emptyTopTable();
  const wanted = options.bits ?? Array.from({ length: BRUTE_TOTAL }, (_, i) => i);
  const todo = wanted.filter((b) => table.labels[b] === NOT_DONE);
  if (options.reverse) todo.reverse();
  const total = wanted.length;
  const doneCount = () => wanted.reduce((n, b) => n + (table.labels[b] === NOT_DONE ? 0 : 1), 0);
  const perSave = options.batchesPerSave ?? 16;
  const save = () => {
    if (!file) return;
    mergeFromDisk(file, table);
    writeTopTable(file, table);
  };
  options.onProgress?.(total - todo.length, total);
  let batches = 0;
  for (let i = 0; i < todo.length; ) {
    if (options.signal?.aborted) break;
    const slice: number[] = [];
    while (i < todo.length && slice.length < options.batch) {
      if (table.labels[todo[i]] === NOT_DONE) slice.push(todo[i]);
      i++;
    }
    if (slice.length === 0) break;
    const tops = await classifyBits(net, slice, options.size);
    slice.forEach((b, j) => {
      table.labels[b] = tops[j].label;
      table.probabilities[b] = tops[j].probability;
    });
    batches++;
    if (batches % perSave === 0) save();
    options.onProgress?.(doneCount(), total);
  }
  save();
  return table;
}

/** The committed icons.json content from a table. */
export function iconsFile(table: TopTable, labels: readonly string[], size: number, threshold: number, generatedBy: string): BruteIconsFile {
  const icons = keepConfident(tableTops(table), labels, threshold).map((icon) => ({ ...icon, probability: Math.round(icon.probability * 1e6) / 1e6 }));
  return fileOfIcons({ inputSize: size, threshold, classified: classifiedCount(table), icons }, generatedBy);
}
