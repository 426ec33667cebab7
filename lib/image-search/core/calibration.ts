/**
 * "Knows when it does not know": a calibrated confidence that the top search result is
 * of the query's class, and the "no match" decision taken from it. Pure (no Node, no
 * database): the search service, the calibration script and the tests share it.
 *
 * Features of one search (the 10 nearest indexed photos, cosine, best first), from which
 * scripts/image-search/calibrate.ts picks a set by cross-validation on the calibration half:
 *   top1      cosine similarity of the best hit
 *   agreement fraction of the 10 hits whose class is the best hit's class
 *   gap       top1 minus the similarity of the best hit of another class
 *             (top1 - 10th similarity when all ten agree)
 *   mean10    mean similarity of the 10 hits
 * confidence = sigmoid(bias + sum_i w_i * (x_i - mean_i) / scale_i) (lib/ml/logistic): the
 * probability that the best hit is of the query's class (0 for a query of no class in the
 * collection). Fitted on a calibration half of the held-out photos and committed as
 * data/image-search/calibration.json; noMatch = confidence < threshold (picked on that half).
 */
import { z } from "zod";
import { logisticProbability, type LogisticModel, type Standardisation } from "@/lib/ml/logistic";
import { fnv1a32, splitGroup, type Split } from "./split";

/** Hits the confidence looks at; searches fetch at least this many. */
export const CONFIDENCE_NEIGHBOURS = 10;

export interface LabelledHit {
  label: string;
  /** Cosine similarity. */
  score: number;
}

/** Same class for retrieval purposes: Faces and Faces_easy are the same photos cropped differently. */
export function sameClass(a: string, b: string): boolean {
  return splitGroup(a) === splitGroup(b);
}

type Feature = (top: readonly LabelledHit[]) => number;

/** Every feature a calibration may use, by name; `top` is non-empty and at most 10 hits. */
export const FEATURES = {
  top1: (top) => top[0].score,
  agreement: (top) => top.filter((h) => sameClass(h.label, top[0].label)).length / top.length,
  gap: (top) => top[0].score - (top.find((h) => !sameClass(h.label, top[0].label)) ?? top[top.length - 1]).score,
  mean10: (top) => top.reduce((s, h) => s + h.score, 0) / top.length,
} satisfies Record<string, Feature>;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** The named features of one search's hits, best first; zeros when there are none. */
export function confidenceFeatures(hits: readonly LabelledHit[], names: readonly FeatureName[]): number[] {
  const top = hits.slice(0, CONFIDENCE_NEIGHBOURS);
  return names.map((name) => (top.length ? FEATURES[name](top) : 0));
}

export const calibrationSchema = z.object({
  version: z.literal(1),
  description: z.string(),
  features: z.array(z.enum(FEATURE_NAMES as [FeatureName, ...FeatureName[]])).min(1),
  neighbours: z.literal(CONFIDENCE_NEIGHBOURS),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** noMatch when confidence < threshold. */
  threshold: z.number().min(0).max(1),
  /** How it was fitted and what it measured (documentation; not used at run time). */
  fit: z.record(z.string(), z.unknown()),
}).refine(
  (c) => c.mean.length === c.features.length && c.scale.length === c.features.length && c.weights.length === c.features.length,
  "mean, scale and weights need one value per feature",
);
export type Calibration = z.infer<typeof calibrationSchema>;

/** Probability (0..1) that the best hit is of the query's class. */
export function confidenceOf(calibration: LogisticModel & Standardisation & { features: readonly FeatureName[] }, hits: readonly LabelledHit[]): number {
  if (hits.length === 0) return 0;
  return logisticProbability(calibration, confidenceFeatures(hits, calibration.features));
}

export function judge(calibration: Calibration, hits: readonly LabelledHit[]): { confidence: number; noMatch: boolean } {
  const confidence = confidenceOf(calibration, hits);
  return { confidence, noMatch: confidence < calibration.threshold };
}

// ---------------------------------------------------------------- the calibration / test halves

export type CalibrationHalf = "calibration" | "test";

/**
 * Splits held-out photos (query + background) into two halves, deterministically and
 * per class: within each class the photos are ranked by FNV-1a-32 of `halves/<id>` (ties
 * by id) and alternate calibration, test, calibration, ... So each class (and the
 * background) is split evenly and the same photos always land in the same half.
 */
export function assignHalves(photos: readonly { id: string; label: string; split: Split }[]): Map<string, CalibrationHalf> {
  const byGroup = new Map<string, string[]>();
  for (const p of photos) {
    if (p.split === "index") continue;
    const group = splitGroup(p.label);
    if (!byGroup.has(group)) byGroup.set(group, []);
    byGroup.get(group)!.push(p.id);
  }
  const halves = new Map<string, CalibrationHalf>();
  for (const ids of byGroup.values()) {
    ids
      .sort((a, b) => fnv1a32(`halves/${a}`) - fnv1a32(`halves/${b}`) || (a < b ? -1 : a > b ? 1 : 0))
      .forEach((id, i) => halves.set(id, i % 2 === 0 ? "calibration" : "test"));
  }
  return halves;
}
