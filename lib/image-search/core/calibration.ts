/**
 * "Knows when it does not know": a calibrated confidence that the top search result is
 * of the query's class, and the "no match" decision taken from it: one verdict from two
 * signals, the neighbours in the collection and the classifier's own labels for the query.
 * Pure (no Node, no database): the search service, the calibration script and the tests share it.
 *
 * Evidence of one search (lib/image-search/server/search.ts): `first` = the 10 nearest photos to
 * the query itself, `hits` = the 10 best of the final ranking (after query expansion), both
 * best first with their class and top ImageNet label, and the query's ImageNet labels.
 * Features, from which scripts/image-search/calibrate.ts picks a set by cross-validation:
 *   top1       cosine similarity (search space) of the query's nearest photo
 *   gap        top1 minus the similarity of the nearest photo of another class
 *              (top1 - 10th similarity when all ten agree)
 *   mean10     mean similarity of the query's 10 nearest photos
 *   agreement  fraction of the final 10 hits whose class is the best hit's class
 *   clutter    fraction of the final 10 hits that are background clutter photos
 *   labelProb  the classifier's top probability for the query           (needs labels)
 *   labelMatch fraction of the final 10 hits whose top ImageNet label is the query's (needs labels)
 * confidence = sigmoid(bias + sum_i w_i * (x_i - mean_i) / scale_i) (lib/ml/logistic): the
 * probability that the best hit is of the query's class (0 for a query of no class in the
 * collection); noMatch = confidence < threshold. A search without labels (a bare vector sent
 * to the API) is judged by the `withoutLabels` model. Committed as data/image-search/calibration.json.
 */
import { z } from "zod";
import { logisticProbability, type LogisticModel, type Standardisation } from "@/lib/ml/logistic";
import { BACKGROUND_CLASS, fnv1a32, splitGroup, type Split } from "./split";

/** Hits the confidence looks at; searches fetch at least this many. */
export const CONFIDENCE_NEIGHBOURS = 10;

export interface LabelledHit {
  label: string;
  /** Cosine similarity (search space). */
  score: number;
  /** The hit photo's top ImageNet label (empty when unknown). */
  imagenet?: string;
}

export interface SearchEvidence {
  /** The final ranking's hits, best first (at least the first 10 are used). */
  hits: readonly LabelledHit[];
  /** The query's own nearest photos (before query expansion), best first; `hits` when absent. */
  first?: readonly LabelledHit[];
  /** The classifier's labels for the query, most probable first; empty when unknown. */
  queryLabels?: readonly { label: string; probability: number }[];
}

/** Same class for retrieval purposes: Faces and Faces_easy are the same photos cropped differently. */
export function sameClass(a: string, b: string): boolean {
  return splitGroup(a) === splitGroup(b);
}

interface Evidence {
  top: readonly LabelledHit[];
  first: readonly LabelledHit[];
  queryLabels: readonly { label: string; probability: number }[];
}
type Feature = (e: Evidence) => number;

/** Every feature a calibration may use, by name; `top` and `first` are non-empty and at most 10 hits. */
export const FEATURES = {
  top1: ({ first }) => first[0].score,
  gap: ({ first }) => first[0].score - (first.find((h) => !sameClass(h.label, first[0].label)) ?? first[first.length - 1]).score,
  mean10: ({ first }) => first.reduce((s, h) => s + h.score, 0) / first.length,
  agreement: ({ top }) => top.filter((h) => sameClass(h.label, top[0].label)).length / top.length,
  clutter: ({ top }) => top.filter((h) => h.label === BACKGROUND_CLASS).length / top.length,
  labelProb: ({ queryLabels }) => queryLabels[0]?.probability ?? 0,
  labelMatch: ({ top, queryLabels }) => (queryLabels.length ? top.filter((h) => h.imagenet === queryLabels[0].label).length / top.length : 0),
} satisfies Record<string, Feature>;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];
/** Features that need the query's classifier labels. */
export const LABEL_FEATURES: readonly FeatureName[] = ["labelProb", "labelMatch"];

/** The named features of one search; zeros when there are no hits. */
export function confidenceFeatures(evidence: SearchEvidence, names: readonly FeatureName[]): number[] {
  const top = evidence.hits.slice(0, CONFIDENCE_NEIGHBOURS);
  const first = (evidence.first ?? evidence.hits).slice(0, CONFIDENCE_NEIGHBOURS);
  const queryLabels = [...(evidence.queryLabels ?? [])].sort((a, b) => b.probability - a.probability);
  return names.map((name) => (top.length && first.length ? FEATURES[name]({ top, first, queryLabels }) : 0));
}

const featureNameSchema = z.enum(FEATURE_NAMES as [FeatureName, ...FeatureName[]]);

const modelShape = {
  features: z.array(featureNameSchema).min(1),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** noMatch when confidence < threshold. */
  threshold: z.number().min(0).max(1),
};
const oneValuePerFeature = (c: { features: unknown[]; mean: unknown[]; scale: unknown[]; weights: unknown[] }) =>
  c.mean.length === c.features.length && c.scale.length === c.features.length && c.weights.length === c.features.length;
const modelSchema = z.object(modelShape).refine(oneValuePerFeature, "mean, scale and weights need one value per feature");
export type ConfidenceModel = z.infer<typeof modelSchema>;

/** One point of the no-match trade-off: the share of each kind of query told "no match" at a threshold. */
export const curvePointSchema = z.object({
  threshold: z.number().min(0).max(1),
  /** In-collection photos (of a class in the collection) told "no match". */
  inCollectionNoMatch: z.number().min(0).max(1),
  /** Background clutter photos told "no match". */
  backgroundNoMatch: z.number().min(0).max(1),
});
export type CurvePoint = z.infer<typeof curvePointSchema>;

/** The goals the threshold is chosen for. */
export const OPERATING_GOALS = { maxInCollectionNoMatch: 0.05, minBackgroundNoMatch: 0.75 } as const;

export const calibrationSchema = z.object({
  version: z.literal(2),
  description: z.string(),
  neighbours: z.literal(CONFIDENCE_NEIGHBOURS),
  ...modelShape,
  /** The model for searches that come without the classifier's labels (no label features). */
  withoutLabels: modelSchema.optional(),
  /** The trade-off the threshold was chosen on (cross-validated, ascending threshold), for plotting. */
  curve: z.array(curvePointSchema).min(2),
  /** Where `threshold` sits: cross-validated on the fitting photos and measured on the test half. */
  operatingPoint: z.object({
    threshold: z.number(),
    crossValidated: curvePointSchema.omit({ threshold: true }),
    testHalf: curvePointSchema.omit({ threshold: true }),
    goals: z.object({ maxInCollectionNoMatch: z.number(), minBackgroundNoMatch: z.number() }),
  }),
  /** How it was fitted and what it measured (documentation; not used at run time). */
  fit: z.record(z.string(), z.unknown()),
}).refine(oneValuePerFeature, "mean, scale and weights need one value per feature");
export type Calibration = z.infer<typeof calibrationSchema>;

/** Probability (0..1) that the best hit is of the query's class. */
export function confidenceOf(
  model: LogisticModel & Standardisation & { features: readonly FeatureName[] },
  evidence: SearchEvidence,
): number {
  if (evidence.hits.length === 0) return 0;
  return logisticProbability(model, confidenceFeatures(evidence, model.features));
}

/** The model that judges this search: the labels-free one when the query came without labels. */
export function modelFor(calibration: Calibration, evidence: SearchEvidence): ConfidenceModel {
  return !evidence.queryLabels?.length && calibration.withoutLabels ? calibration.withoutLabels : calibration;
}

export function judge(calibration: Calibration, evidence: SearchEvidence): { confidence: number; noMatch: boolean } {
  const model = modelFor(calibration, evidence);
  const confidence = confidenceOf(model, evidence);
  return { confidence, noMatch: confidence < model.threshold };
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
