import { imagesSeedStep } from "@/lib/images/seed-step";
import { moviesSeedStep } from "@/lib/movies/seed-step";
import { numbersSeedStep } from "@/lib/numbers/seed-step";
import type { SeedStep } from "./seed";

/** Every demo's seeding step, in the order they run. Add a demo's step here. */
export const seedSteps: SeedStep[] = [numbersSeedStep, imagesSeedStep, moviesSeedStep];
