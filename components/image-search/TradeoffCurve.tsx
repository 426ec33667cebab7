import { line, scaleLinear } from "d3";
import { curveAt, type TradeoffCurveData } from "./curve";
import { pct } from "./format";

const W = 420;
const H = 250;
const M = { top: 14, right: 16, bottom: 42, left: 44 };

/**
 * "No good match" rate over the threshold for held-out photos whose class is in the
 * collection (should stay low) and for background clutter (should be high), with the
 * page's operating point marked. Static SVG (d3 scales and line paths), scales to its box.
 */
export function TradeoffCurve({ curve }: { curve: TradeoffCurveData }) {
  const x = scaleLinear().domain([0, 1]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  const path = (key: "inCollectionNoMatch" | "backgroundNoMatch") =>
    line<TradeoffCurveData["points"][number]>()
      .x((p) => x(p.threshold))
      .y((p) => y(p[key]))(curve.points) ?? "";
  const at = curveAt(curve.points, curve.threshold);
  const tx = x(curve.threshold);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const summary =
    `At the page's threshold of ${pct(curve.threshold)}, ${pct(at.backgroundNoMatch)} of background photos and ` +
    `${pct(at.inCollectionNoMatch)} of photos whose class is in the collection get “no good match”.`;
  return (
    <figure className="img-curve" data-testid="tradeoff-curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Trade-off curve. ${summary}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line className="img-curve-grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="img-curve-tick" x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {pct(t)}
            </text>
            <text className="img-curve-tick" x={x(t)} y={H - M.bottom + 15} textAnchor="middle">
              {pct(t)}
            </text>
          </g>
        ))}
        <text className="img-curve-axis" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
          threshold on the confidence
        </text>
        <path className="img-curve-line background" d={path("backgroundNoMatch")} data-testid="curve-background" />
        <path className="img-curve-line in-collection" d={path("inCollectionNoMatch")} data-testid="curve-in-collection" />
        <line className="img-curve-op" x1={tx} x2={tx} y1={M.top} y2={H - M.bottom} data-testid="curve-operating-point" />
        <circle className="img-curve-dot background" cx={tx} cy={y(at.backgroundNoMatch)} r={4.5} />
        <circle className="img-curve-dot in-collection" cx={tx} cy={y(at.inCollectionNoMatch)} r={4.5} />
        <text className="img-curve-label" x={tx + 7} y={y(at.backgroundNoMatch) + 14}>
          {pct(at.backgroundNoMatch)}
        </text>
        <text className="img-curve-label" x={tx + 7} y={y(at.inCollectionNoMatch) - 7}>
          {pct(at.inCollectionNoMatch)}
        </text>
        <text className="img-curve-tick" x={tx} y={M.top - 3} textAnchor="middle">
          used: {pct(curve.threshold)}
        </text>
      </svg>
      <figcaption>
        <span className="img-curve-key background">background clutter</span> and{" "}
        <span className="img-curve-key in-collection">photos of a class in the collection</span> told &ldquo;no good
        match&rdquo;, for every threshold. {summary}
        {curve.measured ? (
          <>
            {" "}
            Measured on test photos the fit never saw: {pct(curve.measured.backgroundNoMatch)} of clutter and{" "}
            {pct(curve.measured.inCollectionNoMatch)} of in-collection photos.
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}
