import { describe, expect, it } from "vitest";
import { createProgressTracker, formatDuration, formatProgressLine } from "@/lib/progress";

describe("progress tracker", () => {
  it("estimates the time left from the recent rate", () => {
    let t = 0;
    const tracker = createProgressTracker(100, () => t);
    t = 10_000;
    const snap = tracker.update(25); // 2.5 items/s, 75 left -> 30 s
    expect(snap.rate).toBeCloseTo(2.5);
    expect(snap.etaSeconds).toBeCloseTo(30);
    expect(snap.fraction).toBe(0.25);
    t = 12_000;
    expect(tracker.update(100).etaSeconds).toBe(0);
  });

  it("has no ETA before anything is done", () => {
    let t = 0;
    const tracker = createProgressTracker(10, () => t);
    t = 1000;
    expect(tracker.update(0).etaSeconds).toBeNull();
  });

  it("formats durations and lines", () => {
    expect(formatDuration(5)).toBe("5s");
    expect(formatDuration(125)).toBe("2m05s");
    expect(formatDuration(3 * 3600 + 120)).toBe("3h02m");
    expect(formatDuration(null)).toBe("?");
    const line = formatProgressLine("index", { done: 5, total: 10, fraction: 0.5, rate: 2, etaSeconds: 2.5, elapsedSeconds: 2.5 }, 10);
    expect(line).toBe("index [#####.....]  50% 5/10  2.0/s  ETA 3s");
  });
});
