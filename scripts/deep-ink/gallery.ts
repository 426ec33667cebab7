// Rebuilds the Deep Ink gallery: public/deep-ink/gallery/<id>.gif + <id>.png + index.json.
//
//   npm run deep-ink:gallery [-- --only=conv-pw-3,class-volcano] [--steps=150]
//
// CPU heavy (tfjs CPU backend, ~150 gradient steps per entry): run it with `nice`.
import fs from "node:fs";
import path from "node:path";
import { describeTarget, resolveOptions, type DeepInkOptions } from "@/lib/deep-ink/core/options";
import { galleryIndexSchema, type GalleryEntry } from "@/lib/deep-ink/core/gallery";
import { createRun } from "@/lib/deep-ink/core/ink";
import { createStepper, runDeepInk } from "@/lib/deep-ink/engine/step";
import { GALLERY, GALLERY_DEFAULTS } from "@/lib/deep-ink/pipeline/gallery";
import { bitsToPng, writeRunGif } from "@/lib/deep-ink/pipeline/files";
import { consoleProgress, formatDuration } from "@/lib/progress";
import { parseLabels } from "@/lib/vision/mobilenet";
import { OUTPUTS } from "@/lib/vision/layers";
import { defaultModelDir, loadFunctionalMobileNetFromDir, useCpuBackend } from "@/lib/vision/node";

const OUT = path.resolve("public/deep-ink/gallery");

function arg(name: string): string | undefined {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

async function main() {
  const only = arg("only")?.split(",");
  const steps = Number(arg("steps") ?? GALLERY_DEFAULTS.steps);
  const labels = parseLabels(JSON.parse(fs.readFileSync(path.join(defaultModelDir(), "metadata.json"), "utf8")));
  await useCpuBackend();
  const net = await loadFunctionalMobileNetFromDir();
  fs.mkdirSync(OUT, { recursive: true });
  const indexFile = path.join(OUT, "index.json");
  const previous: GalleryEntry[] = fs.existsSync(indexFile) ? galleryIndexSchema.parse(JSON.parse(fs.readFileSync(indexFile, "utf8"))).entries : [];
  const entries = new Map(previous.map((e) => [e.id, e]));
  const specs = GALLERY.filter((s) => !only || only.includes(s.id));
  const t0 = performance.now();
  for (const [i, spec] of specs.entries()) {
    let options: DeepInkOptions = resolveOptions({ ...GALLERY_DEFAULTS, steps, ...spec.options }, labels);
    // skip channels that do not respond to the blob at all
    const channels = OUTPUTS.find((o) => o.name === options.layer)!.channels;
    for (let tries = 0; tries < channels; tries++) {
      const stepper = createStepper(net, options);
      const { gradient } = await stepper.gradient(createRun(options).bits);
      stepper.dispose();
      if (gradient.some((g) => g !== 0) || options.layer === "conv_preds") break;
      console.error(`${describeTarget(options)}: no gradient at the blob, trying the next channel`);
      options = { ...options, channel: (options.channel + 1) % channels };
    }
    const label = `[${i + 1}/${specs.length}] ${spec.id} (${describeTarget(options)})`;
    const progress = consoleProgress(label, options.steps);
    const run = await runDeepInk(net, options, { onStep: (s) => void progress.update(s) });
    const stepper = createStepper(net, options);
    const activationEnd = await stepper.activation(run.bits);
    stepper.dispose();
    const gifBytes = await writeRunGif(path.join(OUT, `${spec.id}.gif`), run, { delay: 40 });
    fs.writeFileSync(path.join(OUT, `${spec.id}.png`), await bitsToPng(run.bits, options.size));
    entries.set(spec.id, {
      id: spec.id,
      title: options.className ? `class: ${options.className.split(",")[0]}` : `${options.layer} #${options.channel}`,
      layer: options.layer,
      channel: options.channel,
      ...(options.className ? { className: options.className } : {}),
      size: options.size,
      steps: options.steps,
      flipsPerStep: options.flipsPerStep,
      black: options.black,
      white: options.white,
      seed: options.seed,
      cooldown: options.cooldown,
      activationStart: run.steps[0].activation,
      activationEnd,
      gif: `${spec.id}.gif`,
      png: `${spec.id}.png`,
      gifBytes,
    });
    const ordered = GALLERY.map((s) => entries.get(s.id)).filter((e): e is GalleryEntry => !!e);
    fs.writeFileSync(indexFile, JSON.stringify({ generatedBy: "npm run deep-ink:gallery", entries: ordered }, null, 1) + "\n");
    console.error(`${label}: activation ${run.steps[0].activation.toFixed(3)} -> ${activationEnd.toFixed(3)}, ${gifBytes} bytes; ${formatDuration((performance.now() - t0) / 1000)} so far`);
  }
  net.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
