import "server-only";
/** What the /draw page shows about each trained model: loss history and training facts (from model.json). */
import fs from "node:fs";
import path from "node:path";
import type { ModelManifest } from "../core/lstm";
import { MODEL_NAMES, type LossPoint, type ModelName } from "../core/models";
import { qualityFileSchema, type QualityFile } from "../core/quality";

export interface ModelSummary {
  name: ModelName;
  trained: boolean;
  units: number;
  train: number;
  validation: number;
  sequencesSeen: number;
  minutes: number;
  unigram: number | null;
  validationLoss: number | null;
  history: LossPoint[];
}

export function drawModelSummaries(root: string = process.cwd()): ModelSummary[] {
  return MODEL_NAMES.map((name) => {
    const file = path.join(root, "public", "draw", "models", name, "model.json");
    if (!fs.existsSync(file)) {
      return { name, trained: false, units: 0, train: 0, validation: 0, sequencesSeen: 0, minutes: 0, unigram: null, validationLoss: null, history: [] };
    }
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as ModelManifest;
    const t = (m.trainedOn ?? {}) as Record<string, unknown>;
    const num = (k: string) => (typeof t[k] === "number" ? (t[k] as number) : 0);
    return {
      name,
      trained: true,
      units: m.config.units,
      train: num("train"),
      validation: num("validation"),
      sequencesSeen: num("sequencesSeen"),
      minutes: num("minutes"),
      unigram: typeof t.unigramValidationLoss === "number" ? t.unigramValidationLoss : null,
      validationLoss: typeof t.validationLoss === "number" ? t.validationLoss : null,
      history: Array.isArray(t.history) ? (t.history as LossPoint[]) : [],
    };
  });
}

/** The sample measurements of `npm run draw:evaluate` (data/draw/quality.json); none when absent or unreadable. */
export function drawModelQuality(root: string = process.cwd()): QualityFile {
  const file = path.join(root, "data", "draw", "quality.json");
  if (!fs.existsSync(file)) return {};
  const parsed = qualityFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    console.error(`[draw] ${file} does not match its schema: ${parsed.error.message}`);
    return {};
  }
  return parsed.data;
}
