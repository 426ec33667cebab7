// One place that measures a trained model the same way for the training
// script and the benchmark: held-out link prediction and group recall@10.

import { evaluateLinkPrediction, groupMembers, groupRecall, invertFilmLinks, nearestByLinkOverlap, nearestByVector, type GroupRecall, type LinkPredictionResult } from "./evaluate";
import { QUALITY_GROUPS } from "./groups";
import { normaliseRows, type EmbeddingModel, type PairList } from "./model";
import type { LinkData } from "./types";

export interface GroupReport {
  /** Mean recall@10 over the groups (model neighbours). */
  meanRecall: number;
  /** The same with neighbours by shared links (no model), for comparison. */
  baselineMeanRecall: number;
  groups: (GroupRecall & { baselineRecall: number })[];
}

export function groupReport(data: LinkData, filmVectors: Float32Array, dims: number, k = 10): GroupReport {
  const unit = normaliseRows(filmVectors, dims);
  const linkId = new Map(data.links.map((l, i) => [l.name, i]));
  const groups = QUALITY_GROUPS.map((group) => ({ group, members: groupMembers(group, data.films, data.filmLinks, linkId) }));
  const linkFilms = invertFilmLinks(data.filmLinks, data.links.length);
  const model = groupRecall(groups, (i, kk) => nearestByVector(unit, dims, i, kk), k);
  const base = groupRecall(groups, (i, kk) => nearestByLinkOverlap(data.filmLinks, linkFilms, i, kk), k);
  const rows = model.map((g, i) => ({ ...g, recall: round(g.recall), baselineRecall: round(base[i].recall) }));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  return { meanRecall: round(mean(model.map((g) => g.recall))), baselineMeanRecall: round(mean(base.map((g) => g.recall))), groups: rows };
}

export function linkPredictionReport(model: EmbeddingModel, train: PairList, heldOut: PairList): LinkPredictionResult {
  const r = evaluateLinkPrediction(model, train, heldOut);
  return { ...r, auc: round(r.auc), popularityAuc: round(r.popularityAuc), hitsAtK: round(r.hitsAtK), popularityHitsAtK: round(r.popularityHitsAtK) };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
