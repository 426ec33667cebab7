import type { SeedStep } from "./seed";

/** Every demo's seeding step, in the order they run. Add a demo's step here. */
export const seedSteps: SeedStep[] = [];
