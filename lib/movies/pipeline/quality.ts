// One place that measures a trained model the same way for the training
// script and the benchmark: held-out link prediction and group recall@10.

import { evaluateLinkPrediction, groupMembers, groupRecall, invertFilmLinks, nearestByLinkOverlap, nearestByVector, type GroupRecall, type LinkPredictionResult } from "./evaluate";
import { QUALITY_GROUPS } from "./groups";
import type { EmbeddingModel } from "@/lib/ml/embedding/model";
import type { PairList } from "@/lib/ml/embedding/pairs";
import { normaliseRows } from "@/lib/ml/vectors";
import type { LinkData } from "../core/types";

export interface GroupReport {
  /** Mean recall@10 over the groups (model neighbours). */
  meanRecall: number;
  /** The same with neighbours by shared links (no model), for comparison. */
  baselineMeanRecall: number;
  /** Mean recall per group kind (model, baseline). */
  byKind: Record<string, { recall: number; baselineRecall: number; groups: number }>;
  /** The groups split in halves by alternating position in QUALITY_GROUPS: DEV (even) chooses settings, TEST (odd) reports. */
  dev: { recall: number; baselineRecall: number; groups: number };
  test: { recall: number; baselineRecall: number; groups: number };
  groups: (GroupRecall & { baselineRecall: number; half: "dev" | "test" })[];
}

/** Deterministic DEV/TEST split of the quality groups: alternate positions in QUALITY_GROUPS. */
export function groupHalf(index: number): "dev" | "test" {
  return index % 2 === 0 ? "dev" : "test";
}

export function groupReport(data: LinkData, filmVectors: Float32Array, dims: number, k = 10): GroupReport {
  const unit = normaliseRows(filmVectors, dims);
  const linkId = new Map(data.links.map((l, i) => [l.name, i]));
  const groups = QUALITY_GROUPS.map((group) => ({ group, members: groupMembers(group, data.films, data.filmLinks, linkId) }));
  const linkFilms = invertFilmLinks(data.filmLinks, data.links.length);
  const kept = groups.map((g, i) => ({ ...g, half: groupHalf(i) })).filter((g) => g.members.length >= 2);
  const model = groupRecall(kept, (i, kk) => nearestByVector(unit, dims, i, kk), k);
  const base = groupRecall(kept, (i, kk) => nearestByLinkOverlap(data.filmLinks, linkFilms, i, kk), k);
  const rows = model.map((g, i) => ({ ...g, recall: round(g.recall), baselineRecall: round(base[i].recall), half: kept[i].half }));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const summary = (pick: (r: (typeof rows)[number]) => boolean) => {
    const idx = rows.map((r, i) => (pick(r) ? i : -1)).filter((i) => i >= 0);
    return { recall: round(mean(idx.map((i) => model[i].recall))), baselineRecall: round(mean(idx.map((i) => base[i].recall))), groups: idx.length };
  };
  const byKind: GroupReport["byKind"] = {};
  for (const kind of [...new Set(rows.map((r) => r.kind))]) byKind[kind] = summary((r) => r.kind === kind);
  return {
    meanRecall: round(mean(model.map((g) => g.recall))),
    baselineMeanRecall: round(mean(base.map((g) => g.recall))),
    byKind,
    dev: summary((r) => r.half === "dev"),
    test: summary((r) => r.half === "test"),
    groups: rows,
  };
}

export function linkPredictionReport(model: EmbeddingModel, train: PairList, heldOut: PairList): LinkPredictionResult {
  const r = evaluateLinkPrediction(model, train, heldOut);
  return { ...r, auc: round(r.auc), popularityAuc: round(r.popularityAuc), hitsAtK: round(r.hitsAtK), popularityHitsAtK: round(r.popularityHitsAtK) };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
