/**
 * The calibration's trade-off curve as the page draws it: for each threshold, the share of
 * held-out in-collection photos and of background photos that get "no good match".
 * Read defensively: the calibration may not carry a curve (the plot is hidden then).
 */
import { z } from "zod";
import { curvePointSchema, type CurvePoint } from "@/lib/image-search/core/calibration";

export interface TradeoffCurveData {
  points: CurvePoint[];
  /** The operating point: the threshold the page uses. */
  threshold: number;
  /** The two rates at that threshold measured on photos the fit never saw (`operatingPoint.testHalf`), when given. */
  measured: Omit<CurvePoint, "threshold"> | null;
}

const pointsSchema = z.array(curvePointSchema).min(2);

/**
 * The curve of a calibration object (an array `curve`, or `curve: { points, threshold }`),
 * sorted by threshold, with the test-half rates of `operatingPoint.testHalf` when present;
 * null when there is no curve or it is malformed.
 */
export function curveOf(calibration: unknown, fallbackThreshold: number): TradeoffCurveData | null {
  if (!calibration || typeof calibration !== "object" || !("curve" in calibration)) return null;
  const raw: unknown = calibration.curve;
  const nested = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const points = pointsSchema.safeParse(nested ? (nested.points ?? nested.curve) : raw);
  if (!points.success) return null;
  const t = z.number().min(0).max(1).safeParse(nested?.threshold);
  const op = "operatingPoint" in calibration ? calibration.operatingPoint : null;
  const measured = curvePointSchema
    .omit({ threshold: true })
    .safeParse(op && typeof op === "object" && "testHalf" in op ? op.testHalf : null);
  return {
    points: [...points.data].sort((a, b) => a.threshold - b.threshold),
    threshold: t.success ? t.data : fallbackThreshold,
    measured: measured.success ? measured.data : null,
  };
}

/** The two rates at threshold t, linearly interpolated between the curve's points. */
export function curveAt(points: readonly CurvePoint[], t: number): { inCollectionNoMatch: number; backgroundNoMatch: number } {
  const first = points[0];
  const last = points[points.length - 1];
  if (t <= first.threshold) return first;
  if (t >= last.threshold) return last;
  const i = points.findIndex((p) => p.threshold >= t);
  const [a, b] = [points[i - 1], points[i]];
  const f = b.threshold === a.threshold ? 0 : (t - a.threshold) / (b.threshold - a.threshold);
  return {
    inCollectionNoMatch: a.inCollectionNoMatch + f * (b.inCollectionNoMatch - a.inCollectionNoMatch),
    backgroundNoMatch: a.backgroundNoMatch + f * (b.backgroundNoMatch - a.backgroundNoMatch),
  };
}
