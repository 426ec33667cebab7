// Weights of the movie model's real pairs by link kind (TrainOptions.positiveWeights).

import type { PairList } from "@/lib/ml/embedding/pairs";

/**
 * Per link: a factor per link kind and/or (films with the link)^-idfPower, scaled
 * so that the mean weight over the real (film, link) pairs is 1 (the loss keeps its size).
 */
export function linkWeights(
  links: readonly { kind: string }[],
  pairs: PairList,
  options: { kindWeights?: Record<string, number>; idfPower?: number },
): Float32Array {
  const counts = new Float64Array(links.length);
  for (let i = 0; i < pairs.contexts.length; i++) counts[pairs.contexts[i]]++;
  const w = new Float32Array(links.length);
  for (let l = 0; l < links.length; l++) {
    w[l] = (options.kindWeights?.[links[l].kind] ?? 1) * Math.pow(Math.max(1, counts[l]), -(options.idfPower ?? 0));
  }
  let sum = 0;
  for (let i = 0; i < pairs.contexts.length; i++) sum += w[pairs.contexts[i]];
  const scale = pairs.contexts.length / (sum || 1);
  for (let l = 0; l < links.length; l++) w[l] *= scale;
  return w;
}
