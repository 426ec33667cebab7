/** Quality numbers of generated drawings: copying (nearest training image), ink share, connected strokes. */
import { hamming, inkCount, type Bitmap } from "../core/bitmap";

/** Hamming distance from each sample to its nearest training bitmap. */
export function nearestDistances(samples: Bitmap[], training: Bitmap[]): number[] {
  return samples.map((s) => {
    let best = Infinity;
    for (const t of training) {
      const d = hamming(s, t);
      if (d < best) best = d;
      if (best === 0) break;
    }
    return best;
  });
}

/** Number of 8-connected ink components (strokes). */
export function strokeCount(b: Bitmap): number {
  const n = b.size;
  const seen = new Uint8Array(b.pixels.length);
  let count = 0;
  for (let i = 0; i < b.pixels.length; i++) {
    if (!b.pixels[i] || seen[i]) continue;
    count++;
    const stack = [i];
    seen[i] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % n;
      const y = (p - x) / n;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= n || ny >= n) continue;
          const q = ny * n + nx;
          if (b.pixels[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
  }
  return count;
}

export function inkShare(b: Bitmap): number {
  return inkCount(b) / b.pixels.length;
}

export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
