// The "draw-brute" seed step: data/draw/brute/icons.json (written by `npm run draw:brute`)
// into draw_brute_icon and draw_brute_run (see ./brute-store.ts).

import "server-only";
import fs from "node:fs";
import type { SeedStep } from "@/lib/db/seed";
import { projectPath } from "@/lib/paths";
import { bruteIconsFileSchema, iconsOfFile, type BruteIconSet } from "../core/brute";
import { DRAW_BRUTE_SEED_STEP, storeBruteIcons } from "./brute-store";

// A literal path: Next's file tracer leaves it alone (see lib/movies/server/seed-data.ts).
export const DRAW_BRUTE_SEED_FILE = "data/draw/brute/icons.json";

export function loadBruteIconsFile(file: string = DRAW_BRUTE_SEED_FILE): BruteIconSet {
  return iconsOfFile(bruteIconsFileSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ projectPath(file), "utf8"))));
}

export const drawBruteSeedStep: SeedStep = {
  name: DRAW_BRUTE_SEED_STEP,
  dataFiles: [DRAW_BRUTE_SEED_FILE],
  version: 1,
  async run(db, progress) {
    const file = loadBruteIconsFile();
    progress(`${file.icons.length} icons over ${file.threshold} at ${file.inputSize}px`);
    return storeBruteIcons(db, file);
  },
};
