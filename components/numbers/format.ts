/** A distance or cost for people: float noise removed, at most two decimals ("1.6", not "1.5999999999999999"). */
export function formatCost(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A score in (0, 1] with three decimals. */
export function formatScore(value: number): string {
  return value.toFixed(3);
}
