/**
 * Brute-force icon speed and fidelity: `npm run bench -- draw-brute [--sizes 224,192,160,128,96] [--seconds 8] [--batch 64] [--agree 256]`.
 *
 * In one process on the tfjs WASM backend (what `npm run draw:brute` uses, one core):
 * 4x4 images/s at each classifier input size, as a ratio to 224 (the model's own size, the
 * baseline) and the time all 65,536 would take; then, on a seeded random sample, how often
 * each size's top label equals 224's (all images, and those 224 labels confidently), and
 * how many clear the threshold. The run's size is BRUTE_INPUT_SIZE.
 */
import { BRUTE_INPUT_SIZE, BRUTE_THRESHOLD, BRUTE_TOTAL } from "@/lib/draw/core/brute";
import { classifyBits } from "@/lib/draw/core/brute-classify";
import { createRng } from "@/lib/ml/rng";
import { formatDuration } from "@/lib/progress";
import { loadFunctionalMobileNetFromDir, useWasmBackend } from "@/lib/vision/node";
import { flagOr } from "@/scripts/cli-flags";

const ROUNDS = 3;

export default async function main(args: string[]) {
  const sizes = flagOr(args, "sizes", "224,192,160,128,96").split(",").map(Number);
  if (!sizes.includes(224)) sizes.unshift(224);
  const seconds = Number(flagOr(args, "seconds", "8"));
  const batch = Number(flagOr(args, "batch", "64"));
  const agreeN = Number(flagOr(args, "agree", "256"));
  const backend = await useWasmBackend();
  const net = await loadFunctionalMobileNetFromDir();
  const rng = createRng(12);
  const sample = Array.from({ length: Math.max(batch, agreeN) }, () => rng.int(BRUTE_TOTAL));

  // The WASM backend runs on this one thread, so images per CPU-second of this process is
  // the speed a free core would give, whatever else the shared machine runs; wall-clock
  // images/s is printed too. Sizes take turns, a few rounds each, so load swings hit all alike.
  console.log(`draw-brute on ${backend}, batches of ${batch}, ~${seconds}s per size in ${ROUNDS} rounds; run size ${BRUTE_INPUT_SIZE}`);
  const totals = new Map(sizes.map((size) => [size, { images: 0, cpu: 0, wall: 0 }]));
  for (const size of sizes) await classifyBits(net, sample.slice(0, batch), size); // warm-up: kernels, allocations
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of sizes) {
      const t = totals.get(size)!;
      const wall0 = performance.now();
      const cpu0 = process.cpuUsage();
      while (performance.now() - wall0 < (seconds * 1000) / ROUNDS) {
        await classifyBits(net, sample.slice(0, batch), size);
        t.images += batch;
      }
      const cpu = process.cpuUsage(cpu0);
      t.cpu += (cpu.user + cpu.system) / 1e6;
      t.wall += (performance.now() - wall0) / 1000;
    }
  }
  const perCpu = (size: number) => totals.get(size)!.images / totals.get(size)!.cpu;
  for (const size of sizes) {
    const t = totals.get(size)!;
    const rate = perCpu(size);
    console.log(
      `${String(size).padStart(4)}px  ${rate.toFixed(1).padStart(7)} images/CPU-s  ${(rate / perCpu(224)).toFixed(2).padStart(5)}x of 224  ` +
        `all 65,536 in ${formatDuration(BRUTE_TOTAL / rate)} of one core (${formatDuration(BRUTE_TOTAL / rate / 2)} on two)  ` +
        `wall ${(t.images / t.wall).toFixed(1)} images/s${size === BRUTE_INPUT_SIZE ? "  <- run size" : ""}`,
    );
  }

  const bits = sample.slice(0, agreeN);
  const ref = await classifyBits(net, bits, 224);
  const confident = ref.map((t, i) => (t.probability > BRUTE_THRESHOLD ? i : -1)).filter((i) => i >= 0);
  console.log(`\ntop-1 agreement with 224 on ${agreeN} random 4x4 images (${confident.length} of them over ${BRUTE_THRESHOLD} at 224):`);
  for (const size of sizes) {
    if (size === 224) continue;
    const tops = await classifyBits(net, bits, size);
    const same = tops.filter((t, i) => t.label === ref[i].label).length;
    const sameConfident = confident.filter((i) => tops[i].label === ref[i].label).length;
    const kept = tops.map((t, i) => (t.probability > BRUTE_THRESHOLD ? i : -1)).filter((i) => i >= 0);
    const keptSame = kept.filter((i) => tops[i].label === ref[i].label).length;
    console.log(
      `${String(size).padStart(4)}px  same label ${((100 * same) / agreeN).toFixed(1).padStart(5)}%  on 224-confident ${sameConfident}/${confident.length}  ` +
        `kept here ${kept.length} (224: ${confident.length}), of which 224 labels the same ${keptSame}`,
    );
  }
  net.dispose();
}
