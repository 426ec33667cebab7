// The exhaustive 4x4 brute force: all 65,536 black/white images through MobileNet.
//
//   npm run draw:brute -- [--size=224] [--batch=32] [--threshold=0.25] [--out=data/draw/brute] [--reverse] [--write-only]
//
// Resumable: the top-1 table (<out>/top1-<size>.bin) is rewritten after every few batches
// and a new run only classifies what it lacks. Writes <out>/icons.json at the end (the
// icons whose top label clears the threshold), which `npm run seed` loads into Postgres.
// One process on the tfjs WASM backend (single-threaded in Node): run it niced. A second
// process with --reverse on the same table works from the other end and both merge the
// table file on every write, so two cores finish in about half the time. --write-only
// writes icons.json from the table as it is (e.g. another threshold), classifying nothing.
import fs from "node:fs";
import path from "node:path";
import { flag } from "../cli-flags";
import { BRUTE_INPUT_SIZE, BRUTE_THRESHOLD, BRUTE_TOTAL, countLabels, iconsOfFile } from "@/lib/draw/core/brute";
import { classifiedCount, iconsFile, readTopTable, runBrute, type TopTable } from "@/lib/draw/pipeline/brute";
import { consoleProgress, formatDuration } from "@/lib/progress";
import { parseLabels } from "@/lib/vision/mobilenet";
import { defaultModelDir, loadFunctionalMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";

async function main(argv: string[]): Promise<number> {
  const size = Number(flag(argv, "size") ?? BRUTE_INPUT_SIZE);
  const batch = Number(flag(argv, "batch") ?? 32);
  const threshold = Number(flag(argv, "threshold") ?? BRUTE_THRESHOLD);
  const out = flag(argv, "out") ?? path.join("data", "draw", "brute");
  if (!Number.isInteger(size) || size < 32 || size > 512 || size % 4 !== 0) {
    console.error(`draw:brute: --size must be a multiple of 4 in 32..512 (each 4x4 pixel a whole block), got ${flag(argv, "size")}`);
    return 2;
  }
  if (!Number.isInteger(batch) || batch < 1 || batch > 256) {
    console.error(`draw:brute: --batch must be a whole number in 1..256, got ${flag(argv, "batch")}`);
    return 2;
  }
  if (!(threshold >= 0 && threshold < 1)) {
    console.error(`draw:brute: --threshold must be in [0, 1), got ${flag(argv, "threshold")}`);
    return 2;
  }
  const tableFile = path.join(out, `top1-${size}.bin`);
  if (argv.includes("--write-only")) {
    const labelNames = parseLabels(JSON.parse(fs.readFileSync(path.join(defaultModelDir(), "metadata.json"), "utf8")));
    return writeIcons(readTopTable(tableFile), labelNames, size, threshold, out);
  }
  const backend = await useWasmBackend();
  const net = await loadFunctionalMobileNetFromDir();
  console.error(`draw:brute: ${BRUTE_TOTAL} images at ${size}px on ${backend}, batches of ${batch}; table ${tableFile}`);
  const t0 = performance.now();
  let first = -1;
  // Counted from where this run starts, so a resumed run's rate and ETA are its own.
  let progress: ReturnType<typeof consoleProgress> | undefined;
  const table = await runBrute(net, tableFile, {
    size,
    batch,
    reverse: argv.includes("--reverse"),
    onProgress: (done) => {
      if (first < 0) {
        first = done;
        console.error(`draw:brute: ${done} already classified, ${BRUTE_TOTAL - done} to go`);
        progress = consoleProgress("draw:brute", BRUTE_TOTAL - done);
      }
      progress?.update(done - first);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const classified = classifiedCount(table);
  console.error(`the table went from ${first} to ${classified} images classified in ${formatDuration(seconds)} (${((classified - first) / seconds).toFixed(1)} images/s, with any other process on it)`);
  return writeIcons(table, net.labels, size, threshold, out);
}

function writeIcons(table: TopTable, labelNames: readonly string[], size: number, threshold: number, out: string): number {
  const file = iconsFile(table, labelNames, size, threshold, `npm run draw:brute -- --size=${size} --threshold=${threshold}`);
  fs.writeFileSync(path.join(out, "icons.json"), JSON.stringify(file) + "\n");
  const labels = countLabels(iconsOfFile(file).icons);
  console.error(
    `${file.classified} of ${BRUTE_TOTAL} classified; kept ${file.bits.length} icons over ${threshold} in ${labels.length} labels; top: ${labels
      .slice(0, 8)
      .map((l) => `${l.label} ${l.count}`)
      .join("; ")}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
