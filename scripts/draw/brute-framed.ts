// The 7x7 search: 5x5 free pixels inside a fixed one-pixel border (2^25 images, too many to
// try all), searched by random restarts and greedy pixel flips towards confident labels.
//
//   npm run draw:brute:framed -- [--restarts=120] [--steps=12] [--seed=1] [--border=black|white] [--size=168] [--out=data/draw/brute]
//
// Seeded (the same flags give the same finds). Writes <out>/framed.json after every
// restart: the best image per label found so far.
import fs from "node:fs";
import path from "node:path";
import { flag, wholeNumberFlag } from "../cli-flags";
import { FRAMED_INPUT_SIZE, type FramedFile } from "@/lib/draw/core/brute";
import { searchFramed } from "@/lib/draw/pipeline/brute-framed";
import { consoleProgress } from "@/lib/progress";
import { loadFunctionalMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";

async function main(argv: string[]): Promise<number> {
  let restarts, steps, seed, size;
  const borderName = flag(argv, "border") ?? "black";
  try {
    restarts = wholeNumberFlag(argv, "restarts", 120, 1, 100_000);
    steps = wholeNumberFlag(argv, "steps", 12, 1, 200);
    seed = wholeNumberFlag(argv, "seed", 1, 0, 2 ** 31 - 1);
    size = wholeNumberFlag(argv, "size", FRAMED_INPUT_SIZE, 35, 512);
    if (borderName !== "black" && borderName !== "white") throw new RangeError(`--border must be black or white, got ${borderName}`);
  } catch (err) {
    console.error(`draw:brute:framed: ${(err as Error).message}`);
    return 2;
  }
  const out = flag(argv, "out") ?? path.join("data", "draw", "brute");
  const border = borderName === "black" ? 1 : 0;
  const backend = await useWasmBackend();
  const net = await loadFunctionalMobileNetFromDir();
  console.error(`draw:brute:framed: ${restarts} restarts x up to ${steps} steps at ${size}px on ${backend}, ${borderName} border, seed ${seed}`);
  const progress = consoleProgress("draw:brute:framed", restarts);
  const file = path.join(out, "framed.json");
  let evaluations = 0;
  const write = (finds: FramedFile["finds"], restartsDone: number) => {
    const content: FramedFile = {
      generatedBy: `npm run draw:brute:framed -- --restarts=${restarts} --steps=${steps} --seed=${seed} --border=${borderName} --size=${size}`,
      inputSize: size,
      border: borderName,
      seed,
      restarts: restartsDone,
      evaluations,
      finds: finds.map((f) => ({ ...f, probability: Math.round(f.probability * 1e6) / 1e6 })),
    };
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(content, null, 1) + "\n");
  };
  const result = await searchFramed(net, {
    size,
    border,
    seed,
    restarts,
    steps,
    density: 0.35,
    temperature: 0.3,
    onRestart: (done, _total, finds, evaluated) => {
      evaluations = evaluated;
      progress.update(done);
      write([...finds.values()].sort((a, b) => b.probability - a.probability), done);
    },
  });
  evaluations = result.evaluations;
  write(result.finds, restarts);
  const confident = result.finds.filter((f) => f.probability > 0.25);
  console.error(`${result.evaluations} images classified; ${result.finds.length} labels, ${confident.length} over 0.25; best: ${result.finds.slice(0, 6).map((f) => `${f.label} ${f.probability.toFixed(2)}`).join("; ")}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
