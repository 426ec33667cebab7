// What both search strategies share: the lower bound's slack and the hit shape.
import { scoreFromDistance } from "@/lib/ml/vectors";
import type { SearchHit } from "./schema";
import type { CollectionInfo } from "./store";

/**
 * Slack on the lower bound: projections use a float32 basis (orthonormal to ~1e-7), so a
 * projected distance may exceed the true one by a hair; a bound must never cut a true neighbour.
 */
export const boundWithSlack = (squared: number) => squared * (1 + 1e-5) + 1e-9;

export function hits(metric: CollectionInfo["metric"], found: { key: string; distance: number }[]): SearchHit[] {
  return found.map(({ key, distance }) => ({ key, distance, score: scoreFromDistance(metric, distance) }));
}
