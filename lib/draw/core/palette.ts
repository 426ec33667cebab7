/** A colour per generated icon (the post's "little coloring for variety"): seeded hues, dark enough on white. */
import { createRng } from "../../ml/rng";

export function iconColours(n: number, seed: number): string[] {
  const rng = createRng(seed ^ 0xc0102);
  return Array.from({ length: n }, () => `hsl(${Math.round(rng.next() * 360)} ${Math.round(55 + rng.next() * 35)}% ${Math.round(30 + rng.next() * 18)}%)`);
}
