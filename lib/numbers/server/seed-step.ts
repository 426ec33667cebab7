// The "numbers" seed step: runs the whole method once over the committed
// phrasebook data and stores the result (see ./store.ts).

import "server-only";
import fs from "node:fs";
import type { SeedStep } from "@/lib/db/seed";
import { projectPath } from "@/lib/paths";
import { computeNumbersResult } from "../core/compute";
import { nativeWordsByLanguage } from "../core/native";
import { rawNumbersDataSchema } from "../core/schema";
import { storeNumbersResult } from "./store";

export const NUMBERS_DATA_FILE = "data/numbers/numbers.json";

export const numbersSeedStep: SeedStep = {
  name: "numbers",
  dataFiles: [NUMBERS_DATA_FILE],
  version: 2,
  async run(db, progress) {
    const raw = rawNumbersDataSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ projectPath(NUMBERS_DATA_FILE), "utf8")));
    const started = Date.now();
    const result = computeNumbersResult(raw);
    progress(
      `${Object.keys(raw).length} phrasebooks -> ${result.languages.length} languages, ${result.pairs.length} pairs (computed in ${Date.now() - started} ms)`,
    );
    return storeNumbersResult(db, result, nativeWordsByLanguage(raw, result.languages.map((language) => language.name)));
  },
};
