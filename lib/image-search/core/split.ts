/**
 * Deterministic index / query split for the reverse-image-search collection.
 *
 * Rule (Caltech-101):
 * - `BACKGROUND_Google` photos are all "background": held out as the "there is no
 *   good match" query set, never indexed.
 * - Every other class: its photos are ranked by FNV-1a 32-bit hash of
 *   `<group>/<file name>` (ties by file name) and the first round(20%) of them (at least
 *   one when the class has two or more photos) are "query" (held out), the rest "index".
 * - `Faces` and `Faces_easy` are the same photos cropped differently: they form one
 *   group `Faces`, ranked over the union of their file names, so a photo and its twin
 *   (same file name in the other class) always land in the same split.
 * Pure and order-independent: the same photos always get the same split.
 */
export type Split = "index" | "query" | "background";

export const BACKGROUND_CLASS = "BACKGROUND_Google";
export const QUERY_FRACTION = 0.2;

/** Classes that hold the same photos under another crop, mapped to one group. */
export const TWIN_GROUPS: Readonly<Record<string, string>> = { Faces_easy: "Faces" };

export interface SplitInput {
  /** Class folder name, e.g. "dalmatian". */
  label: string;
  /** File name inside the class folder, e.g. "image_0001.jpg". */
  file: string;
}

/** FNV-1a, 32 bit, over the UTF-16 code units of s (all ASCII here). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitGroup(label: string): string {
  return TWIN_GROUPS[label] ?? label;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Returns the split of every input, in input order. */
export function assignSplits(photos: readonly SplitInput[], queryFraction: number = QUERY_FRACTION): Split[] {
  // group -> file names (union over twin classes)
  const groups = new Map<string, Set<string>>();
  for (const p of photos) {
    if (p.label === BACKGROUND_CLASS) continue;
    const g = splitGroup(p.label);
    if (!groups.has(g)) groups.set(g, new Set());
    groups.get(g)!.add(p.file);
  }
  const queryFiles = new Map<string, Set<string>>();
  for (const [g, files] of groups) {
    const ranked = [...files].sort((a, b) => fnv1a32(`${g}/${a}`) - fnv1a32(`${g}/${b}`) || cmp(a, b));
    const n = ranked.length;
    const k = n < 2 ? 0 : Math.max(1, Math.round(n * queryFraction));
    queryFiles.set(g, new Set(ranked.slice(0, k)));
  }
  return photos.map((p) => {
    if (p.label === BACKGROUND_CLASS) return "background";
    return queryFiles.get(splitGroup(p.label))!.has(p.file) ? "query" : "index";
  });
}
