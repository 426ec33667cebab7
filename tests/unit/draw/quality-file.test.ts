import { describe, expect, it } from "vitest";
import { drawModelQuality, drawModelSummaries } from "@/lib/draw/server/catalog";

describe("the committed sample measurements (data/draw/quality.json)", () => {
  it("cover every trained model, from its current weights (same validation loss), in the schema the page reads", () => {
    const quality = drawModelQuality();
    for (const m of drawModelSummaries().filter((s) => s.trained)) {
      const q = quality[m.name];
      expect(q, `${m.name}: run npm run draw:evaluate -- ${m.name}`).toBeDefined();
      // evaluated after the last training run, not before it
      expect(q!.validationLoss).toBe(m.validationLoss);
      expect(q!.samples).toBeGreaterThanOrEqual(50);
      for (const share of [q!.inkShare.samples, q!.inkShare.data, q!.validShare]) {
        expect(share).toBeGreaterThan(0);
        expect(share).toBeLessThanOrEqual(1);
      }
    }
  });
});
