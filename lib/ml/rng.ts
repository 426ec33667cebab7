// The one seeded random number generator: reproducible runs on every platform.


/** Deterministic PRNG (mulberry32): same seed, same sequence, on every platform. */
export function createRng(seed: number): { next(): number; gaussian(): number; int(maxExclusive: number): number } {
  let state = seed >>> 0;
  let spare: number | undefined;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    // Box-Muller; keeps the second value for the next call.
    gaussian() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
  };
}


/** Fisher-Yates shuffle in place, drawing from `rng` (same seed, same order). */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(items: A, rng: { int(maxExclusive: number): number }): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
