/** Percentages as the image-search page prints them. */
export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A probability as a percentage that never claims certainty: "> 99%", "< 1%". */
export const chance = (x: number) => (x >= 0.995 ? "> 99%" : x < 0.005 ? "< 1%" : pct(x));
