import { cosineSimilarity } from "@/lib/ml/vectors";

/** How close two engines' embeddings of the same images are: worst cosine and largest |difference|. */
export function compareEmbeddings(want: readonly Float32Array[], got: readonly Float32Array[]): { minCosine: number; maxAbsDiff: number } {
  if (want.length !== got.length) throw new Error(`${want.length} vs ${got.length} embeddings`);
  let minCosine = 1;
  let maxAbsDiff = 0;
  want.forEach((w, i) => {
    minCosine = Math.min(minCosine, cosineSimilarity(w, got[i]));
    for (let j = 0; j < w.length; j++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(w[j] - got[i][j]));
  });
  return { minCosine, maxAbsDiff };
}
