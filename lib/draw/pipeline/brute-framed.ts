/**
 * The 7x7 search: 5x5 free pixels inside a fixed one-pixel border are 2^25 images, too many
 * to classify all, so search them: random restarts, then greedy single-pixel flips towards
 * a more confident top label (all 25 flips of the current image classified in one batch;
 * the best one taken while it raises the score; a flip that lowers it is accepted now and
 * then, with a chance that cools over the steps, to get off plateaus). The score is the top
 * probability minus the best one the search had for that label before this restart, so
 * restarts climb towards labels not found yet instead of all ending at the same one (with
 * a black border, a frame is a "wall clock" or a "digital clock" to MobileNet).
 * Every image classified on the way counts, and the best image per label is kept.
 * Seeded: the same options give the same finds.
 */
import type { FunctionalMobileNet } from "@/lib/vision/functional";
import { createRng } from "@/lib/ml/rng";
import { FRAMED_FREE, FRAMED_GRID, framedBits, framePixels, type FramedFind } from "../core/brute";
import { classifyGrids } from "../core/brute-classify";

export interface FramedSearchOptions {
  size: number;
  border: 0 | 1;
  seed: number;
  restarts: number;
  /** Flip steps per restart at most. */
  steps: number;
  /** Share of black pixels in a random start. */
  density: number;
  /** Chance of taking the best flip even when it lowers the score, at the first step (cools linearly to 0). */
  temperature: number;
  onRestart?: (done: number, total: number, finds: ReadonlyMap<string, FramedFind>, evaluations: number) => void;
  signal?: AbortSignal;
}

export interface FramedSearchResult {
  finds: FramedFind[];
  evaluations: number;
}

const FREE = FRAMED_FREE * FRAMED_FREE;

export async function searchFramed(net: FunctionalMobileNet, options: FramedSearchOptions, start = new Map<string, FramedFind>()): Promise<FramedSearchResult> {
  const rng = createRng(options.seed);
  const best = start;
  let evaluations = 0;
  const record = (free: Uint8Array, label: number, probability: number) => {
    const name = net.labels[label];
    const prev = best.get(name);
    if (!prev || probability > prev.probability) {
      best.set(name, { bits: framedBits(framePixels(free, options.border)), label: name, probability });
    }
  };
  const classify = async (frees: Uint8Array[]) => {
    const tops = await classifyGrids(
      net,
      frees.map((f) => framePixels(f, options.border)),
      FRAMED_GRID,
      options.size,
    );
    evaluations += frees.length;
    tops.forEach((t, i) => record(frees[i], t.label, t.probability));
    return tops;
  };
  for (let r = 0; r < options.restarts; r++) {
    if (options.signal?.aborted) break;
    const before = new Map([...best].map(([label, f]) => [label, f.probability]));
    const scoreOf = (t: { label: number; probability: number }) => t.probability - (before.get(net.labels[t.label]) ?? 0);
    let current: Uint8Array = Uint8Array.from({ length: FREE }, () => (rng.next() < options.density ? 1 : 0));
    let [score] = (await classify([current])).map(scoreOf);
    const tabu = new Set<string>([current.join("")]);
    for (let step = 0; step < options.steps; step++) {
      const flips: Uint8Array[] = [];
      for (let i = 0; i < FREE; i++) {
        const next = current.slice();
        next[i] ^= 1;
        if (!tabu.has(next.join(""))) flips.push(next);
      }
      if (flips.length === 0) break;
      const tops = await classify(flips);
      const scores = tops.map(scoreOf);
      let bi = 0;
      for (let i = 1; i < scores.length; i++) if (scores[i] > scores[bi]) bi = i;
      const chance = options.temperature * (1 - step / options.steps);
      if (scores[bi] <= score && rng.next() >= chance) break;
      current = flips[bi];
      score = scores[bi];
      tabu.add(current.join(""));
    }
    options.onRestart?.(r + 1, options.restarts, best, evaluations);
  }
  const finds = [...best.values()].sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
  return { finds, evaluations };
}
