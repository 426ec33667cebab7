/**
 * One verdict from the page's two signals: the search's calibrated confidence / noMatch
 * (are there photos of the same kind in the collection?) and the classifier's own
 * ImageNet labels (what does the photo look like?). Pure: unit-tested in
 * tests/unit/image-search/verdict.test.ts.
 */
import { classesMatching, humanClassName, labelMatchesClass, withArticle } from "@/lib/image-search/core/classNames";
import type { QueryLabel, SearchResponse } from "@/lib/image-search/core/api-schema";
import { BACKGROUND_CLASS } from "@/lib/image-search/core/split";
import { chance, pct } from "./format";

/** The classifier names the photo in the headline only when its top label is at least this sure. */
export const SEEN_MIN = 0.2;
/** A lower label still counts as the classifier agreeing with the best match's class. */
export const AGREE_MIN = 0.05;

export type VerdictTone = "match" | "mixed" | "none";

export interface Verdict {
  /** match: similar photos, consistent signals; mixed: similar photos but the classifier points elsewhere; none: no good match. */
  tone: VerdictTone;
  /** The headline in three parts, `subject` emphasised: "Looks like " + "a dalmatian" + ": the collection has similar photos". */
  headline: { before: string; subject: string; after: string };
  /** One sentence on how the two signals relate. */
  detail: string;
  /** The confidence as printed, and what a match needs. */
  confidence: string;
  needed: string;
}

export function verdictOf(
  response: Pick<SearchResponse, "confidence" | "noMatch" | "results" | "labels">,
  threshold: number,
  classLabels: readonly string[],
): Verdict {
  const { confidence, noMatch, results, labels } = response;
  const top: QueryLabel | undefined = labels[0];
  const seen = top && top.probability >= SEEN_MIN ? top : null;
  const best = results[0]?.label ?? null;
  const bestName = best ? humanClassName(best) : null;
  const base = { confidence: chance(confidence), needed: pct(threshold) };

  if (noMatch || !best || !bestName) {
    const clutter = best === BACKGROUND_CLASS ? "the closest photos are background clutter, none of the collection's classes" : null;
    if (seen && clutter) {
      return {
        ...base,
        tone: "none",
        headline: { before: "Looks like ", subject: withArticle(seen.label), after: ", but the collection has no good match" },
        detail: `The classifier says ${seen.label} (${pct(seen.probability)}); ${clutter}.`,
      };
    }
    if (seen) {
      const classes = classesMatching(seen.label, classLabels).map(humanClassName);
      const unique = [...new Set(classes)];
      return {
        ...base,
        tone: "none",
        headline: { before: "Looks like ", subject: withArticle(seen.label), after: ", but the collection has no good match" },
        detail:
          unique.length > 0
            ? `The classifier says ${seen.label} (${pct(seen.probability)}) and the collection has ${listOf(unique)} photos, but none is close enough to trust.`
            : `The classifier says ${seen.label} (${pct(seen.probability)}); no photo in the collection is close enough to trust.`,
      };
    }
    return {
      ...base,
      tone: "none",
      headline: { before: "", subject: "No good match", after: " in the collection" },
      detail: top
        ? `The classifier is unsure what it shows too (best guess: ${top.label}, ${pct(top.probability)}).`
        : "No photo in the collection is close enough to trust.",
    };
  }

  if (best === BACKGROUND_CLASS) {
    return {
      ...base,
      tone: "none",
      headline: { before: "", subject: "Background clutter", after: ": nothing the collection has a class for" },
      detail: `The closest photos are cluttered scenes of nothing in particular${seen ? `; the classifier says ${seen.label} (${pct(seen.probability)})` : ""}.`,
    };
  }

  const agreeing = labels.find((l) => l.probability >= AGREE_MIN && labelMatchesClass(l.label, best));
  const elsewhere = seen && !agreeing ? classesMatching(seen.label, classLabels).filter((c) => humanClassName(c) !== bestName) : [];
  if (seen && elsewhere.length > 0) {
    return {
      ...base,
      tone: "mixed",
      headline: { before: "Probably ", subject: withArticle(bestName), after: `, though the classifier sees ${withArticle(seen.label)}` },
      detail: `The closest photos are ${bestName} photos, while the classifier's label ${seen.label} (${pct(seen.probability)}) points to ${listOf([...new Set(elsewhere.map(humanClassName))])}.`,
    };
  }
  return {
    ...base,
    tone: "match",
    headline: { before: "Looks like ", subject: withArticle(bestName), after: ": the collection has similar photos" },
    detail: agreeing
      ? `The classifier agrees: ${agreeing.label} (${chance(agreeing.probability)}).`
      : seen
        ? `The classifier's nearest of its 1,000 ImageNet labels is ${seen.label} (${pct(seen.probability)}).`
        : "The classifier has no confident label of its own for it; the similar photos decide.",
  };
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
