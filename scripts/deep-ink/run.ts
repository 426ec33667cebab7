// Deep Ink in Node, for batch runs: the classifier draws by flipping pixels.
//
//   npm run deep-ink -- --layer=conv_pw_5_relu --channel=3 --size=112 --steps=200 --out=run.gif [--json=run.json] [--png=final.png]
//   npm run deep-ink -- --class="tabby cat" --out=cat.gif
//   npm run deep-ink -- --list-layers
//
// Runs on the tfjs CPU backend (the WASM backend has no depthwise-conv input gradient).
// Bad options exit with code 2 and a message naming the bad value and what is allowed.
import fs from "node:fs";
import path from "node:path";
import { describeTarget, DRAWABLE_LAYERS, resolveOptions } from "@/lib/deep-ink/core/options";
import { runDeepInk } from "@/lib/deep-ink/engine/step";
import { CLI_USAGE, parseCliArgs } from "@/lib/deep-ink/pipeline/cli";
import { writeRunGif, writeRunJson, writeRunPng } from "@/lib/deep-ink/pipeline/files";
import { isDomainError } from "@/lib/errors";
import { consoleProgress, formatDuration } from "@/lib/progress";
import { parseLabels } from "@/lib/vision/mobilenet";
import { defaultModelDir, loadFunctionalMobileNetFromDir, useCpuBackend } from "@/lib/vision/node";

async function main(argv: string[]): Promise<number> {
  let args;
  let options;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      console.log(CLI_USAGE);
      return 0;
    }
    if (args.listLayers) {
      for (const l of DRAWABLE_LAYERS) console.log(`${l.name}\t${l.channels} channels\t${l.kind}`);
      return 0;
    }
    const labels = parseLabels(JSON.parse(fs.readFileSync(path.join(defaultModelDir(), "metadata.json"), "utf8")));
    options = resolveOptions(args.options, labels);
  } catch (err) {
    if (isDomainError(err)) {
      console.error(`deep-ink: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (!args.out && !args.json && !args.png) console.error("deep-ink: no --out, --json or --png given: the run is only printed");

  await useCpuBackend();
  const t0 = performance.now();
  const net = await loadFunctionalMobileNetFromDir();
  console.error(`model loaded in ${(performance.now() - t0).toFixed(0)} ms; drawing ${describeTarget(options)} at ${options.size}px, ${options.steps} steps x ${options.flipsPerStep} flips`);
  const progress = consoleProgress("deep-ink", options.steps);
  const t1 = performance.now();
  const run = await runDeepInk(net, options, { onStep: (step) => void progress.update(step) });
  const seconds = (performance.now() - t1) / 1000;
  const acts = run.steps.map((s) => s.activation);
  console.error(
    `${run.steps.length} steps in ${formatDuration(seconds)} (${(run.steps.length / seconds).toFixed(2)} steps/s); activation ${acts[0]?.toFixed(4)} -> ${acts[acts.length - 1]?.toFixed(4)}`,
  );
  if (args.out) console.error(`wrote ${args.out} (${await writeRunGif(args.out, run, { every: args.every, scale: args.scale })} bytes)`);
  if (args.png) {
    await writeRunPng(args.png, run, args.scale);
    console.error(`wrote ${args.png}`);
  }
  if (args.json) {
    await writeRunJson(args.json, run);
    console.error(`wrote ${args.json}`);
  }
  net.dispose();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
