import { describe, expect, it } from "vitest";
import { verdictOf } from "@/components/image-search/verdict";
import { curveAt, curveOf } from "@/components/image-search/curve";
import type { SearchResponse } from "@/lib/image-search/core/api-schema";

const CLASSES = ["chair", "windsor_chair", "gramophone", "dalmatian", "sunflower", "airplanes"];
const result = (label: string, score = 0.8) => ({ id: `${label}/image_0001`, label, thumbnailUrl: "", thumbWidth: 1, thumbHeight: 1, score });
const answer = (over: Partial<SearchResponse>): SearchResponse => ({ results: [result("dalmatian")], confidence: 0.9, noMatch: false, labels: [], ...over });
const text = (v: ReturnType<typeof verdictOf>) => v.headline.before + v.headline.subject + v.headline.after;

describe("one verdict from the search and the classifier", () => {
  it("a match the classifier agrees with", () => {
    const v = verdictOf(answer({ labels: [{ label: "dalmatian", probability: 0.99 }] }), 0.64, CLASSES);
    expect(v.tone).toBe("match");
    expect(text(v)).toBe("Looks like a dalmatian: the collection has similar photos");
    expect(v.detail).toContain("agrees");
    expect(v.confidence).toBe("90%");
    expect(v.needed).toBe("64%");
  });

  it("a match the classifier names in its own words (no collection class of that name)", () => {
    const v = verdictOf(answer({ results: [result("sunflower")], labels: [{ label: "daisy", probability: 0.99 }] }), 0.64, CLASSES);
    expect(v.tone).toBe("match");
    expect(text(v)).toContain("a sunflower");
    expect(v.detail).toContain("daisy");
  });

  it("no match: names what the classifier sees and says the collection has that class but nothing close", () => {
    const v = verdictOf(
      answer({ results: [result("gramophone", 0.72)], confidence: 0.22, noMatch: true, labels: [{ label: "rocking chair", probability: 0.57 }] }),
      0.64,
      CLASSES,
    );
    expect(v.tone).toBe("none");
    expect(text(v)).toBe("Looks like a rocking chair, but the collection has no good match");
    expect(v.detail).toContain("chair and windsor chair photos");
    expect(v.confidence).toBe("22%");
    expect(text(v)).not.toContain("gramophone");
  });

  it("no match and an unsure classifier", () => {
    const v = verdictOf(answer({ confidence: 0.01, noMatch: true, labels: [{ label: "menu", probability: 0.12 }] }), 0.64, CLASSES);
    expect(text(v)).toBe("No good match in the collection");
    expect(v.detail).toContain("menu");
    expect(v.confidence).toBe("1%");
    expect(verdictOf(answer({ confidence: 0.001, noMatch: true, results: [] }), 0.64, CLASSES).confidence).toBe("< 1%");
  });

  it("a match while the classifier points at another collection class: says both", () => {
    const v = verdictOf(answer({ results: [result("gramophone")], confidence: 0.7, labels: [{ label: "rocking chair", probability: 0.57 }] }), 0.64, CLASSES);
    expect(v.tone).toBe("mixed");
    expect(text(v)).toBe("Probably a gramophone, though the classifier sees a rocking chair");
  });

  it("no match whose closest photos are clutter says so", () => {
    const v = verdictOf(answer({ results: [result("BACKGROUND_Google", 0.9)], confidence: 0.07, noMatch: true, labels: [{ label: "menu", probability: 0.55 }] }), 0.5, CLASSES);
    expect(text(v)).toBe("Looks like a menu, but the collection has no good match");
    expect(v.detail).toContain("closest photos are background clutter");
  });

  it("background clutter as the best match is not a match of anything", () => {
    const v = verdictOf(answer({ results: [result("BACKGROUND_Google", 0.9)], confidence: 0.9, labels: [{ label: "menu", probability: 0.55 }] }), 0.64, CLASSES);
    expect(v.tone).toBe("none");
    expect(text(v)).toBe("Background clutter: nothing the collection has a class for");
  });

  it("human class names in the headline", () => {
    const v = verdictOf(answer({ results: [result("airplanes")], labels: [{ label: "airliner", probability: 0.9 }] }), 0.64, CLASSES);
    expect(v.headline.subject).toBe("an airplane");
  });
});

describe("trade-off curve", () => {
  const points = [
    { threshold: 0.5, inCollectionNoMatch: 0.1, backgroundNoMatch: 0.7 },
    { threshold: 0, inCollectionNoMatch: 0, backgroundNoMatch: 0 },
    { threshold: 1, inCollectionNoMatch: 1, backgroundNoMatch: 1 },
  ];
  it("reads an array or { points, threshold }, sorted; null when absent or malformed", () => {
    expect(curveOf({ curve: points }, 0.6)?.points.map((p) => p.threshold)).toEqual([0, 0.5, 1]);
    expect(curveOf({ curve: points }, 0.6)?.threshold).toBe(0.6);
    expect(curveOf({ curve: { points, threshold: 0.4 } }, 0.6)?.threshold).toBe(0.4);
    expect(curveOf({}, 0.6)).toBeNull();
    expect(curveOf({ curve: [{ threshold: 2 }] }, 0.6)).toBeNull();
    expect(curveOf(null, 0.6)).toBeNull();
    expect(curveOf({ curve: points }, 0.6)?.measured).toBeNull();
    const op = { threshold: 0.6, testHalf: { inCollectionNoMatch: 0.05, backgroundNoMatch: 0.8 } };
    expect(curveOf({ curve: points, operatingPoint: op }, 0.6)?.measured).toEqual(op.testHalf);
  });
  it("interpolates the rates at a threshold", () => {
    const sorted = curveOf({ curve: points }, 0.6)!.points;
    expect(curveAt(sorted, 0.25)).toEqual({ inCollectionNoMatch: 0.05, backgroundNoMatch: 0.35 });
    expect(curveAt(sorted, 0.75).backgroundNoMatch).toBeCloseTo(0.85);
    expect(curveAt(sorted, -1)).toMatchObject({ inCollectionNoMatch: 0 });
  });
});
