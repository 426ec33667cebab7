import "server-only";
import type { SeedStep } from "@/lib/db/seed";
import { demos, type DemoSlug } from "@/lib/demos";
import { drawBruteSeedStep } from "@/lib/draw/server/brute-seed-step";
import { imageSearchSeedStep } from "@/lib/image-search/server/seed-step";
import { moviesSeedStep } from "@/lib/movies/server/seed-step";
import { numbersSeedStep } from "@/lib/numbers/server/seed-step";
import { radioSeedStep } from "@/lib/radio/server/seed-step";

/**
 * Each demo's seed steps, keyed by its slug: the type requires every demo of lib/demos.ts,
 * so a new demo is listed here the day it is added (with [] until it has data).
 * lib/db runs whatever it is given and knows no demo.
 */
export const demoSeedSteps: Readonly<Record<DemoSlug, readonly SeedStep[]>> = {
  numbers: [numbersSeedStep],
  movies: [moviesSeedStep],
  "image-search": [imageSearchSeedStep],
  radio: [radioSeedStep],
  lights: [],
  draw: [drawBruteSeedStep],
  "deep-ink": [],
};

/** Every seed step, in gallery order. */
export function allSeedSteps(): SeedStep[] {
  return demos.flatMap((demo) => demoSeedSteps[demo.slug]);
}
