/**
 * Caltech-101 class folder names as people read them: "airplanes" -> "airplane",
 * "Faces_easy" -> "face", "BACKGROUND_Google" -> "background clutter", underscores to
 * spaces; and whether an ImageNet label (the classifier's vocabulary) names the same kind
 * of thing as a class ("rocking chair" and "chair"). Pure, browser-safe.
 */
import { BACKGROUND_CLASS } from "./split";

/** Folder names that are plural, misspelt or not words; everything else is lower-cased with spaces. */
const SPECIAL: Readonly<Record<string, string>> = {
  [BACKGROUND_CLASS]: "background clutter",
  Faces: "face",
  Faces_easy: "face",
  Leopards: "leopard",
  Motorbikes: "motorbike",
  airplanes: "airplane",
  car_side: "car (side view)",
  cougar_body: "cougar",
  water_lilly: "water lily",
  garfield: "Garfield",
  snoopy: "Snoopy",
  buddha: "Buddha",
  binocular: "binoculars",
  headphone: "headphones",
};

/** The human name of a Caltech-101 class: singular, lower case (names excepted), spaces. */
export function humanClassName(label: string): string {
  return SPECIAL[label] ?? label.replace(/_+/g, " ").trim().toLowerCase();
}

/** Names read without an article: a mass noun, plural-only nouns and characters' names. */
const NO_ARTICLE = new Set(["background clutter", "scissors", "binoculars", "headphones", "Garfield", "Snoopy"]);

/** "a dalmatian", "an airplane", "a euphonium", "Snoopy", "background clutter". */
export function withArticle(name: string): string {
  if (!name || NO_ARTICLE.has(name)) return name;
  // Vowel letters that sound like "you" take "a" (euphonium, ewer, unicycle, uniform).
  const an = /^[aeiou]/i.test(name) && !/^(eu|ew|uni|use|one)/i.test(name);
  return `${an ? "an" : "a"} ${name}`;
}

/** Words of a class name that say nothing about the kind of thing on their own. */
const GENERIC = new Set(["head", "face", "body", "side", "view", "easy", "car"]);

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[()]/g, " ")
    .split(/[\s_-]+/)
    .filter(Boolean);
/** Crude singular: "chairs" -> "chair" (not "glass" or "bus"). */
const singular = (w: string) => (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w) ? w.slice(0, -1) : w);

/**
 * Whether an ImageNet label (short name, e.g. "rocking chair") names the same kind of
 * thing as a Caltech-101 class: its head noun (last word) is one of the class's telling
 * words ("chair" for "chair" and "windsor chair"; "flamingo" for "flamingo head"), or the
 * whole names agree ("soccer ball"). "car" counts only when the label ends with it ("sports car").
 */
export function labelMatchesClass(imagenetLabel: string, classLabel: string): boolean {
  const label = words(imagenetLabel).map(singular);
  if (label.length === 0) return false;
  const head = label[label.length - 1];
  const cls = words(humanClassName(classLabel)).map(singular);
  if (label.join(" ") === cls.join(" ")) return true;
  if (cls.length === 1) return head === cls[0];
  return cls.some((w) => w === head && (!GENERIC.has(w) || w === cls[0]));
}

/** The classes (folder names, input order) an ImageNet label names, e.g. "rocking chair" -> ["chair", "windsor_chair"]. */
export function classesMatching(imagenetLabel: string, classLabels: readonly string[]): string[] {
  return classLabels.filter((c) => labelMatchesClass(imagenetLabel, c));
}
