import { extent, line, scaleLinear } from "d3";

const W = 420;
const H = 180;
const M = { top: 12, right: 12, bottom: 30, left: 52 };

/** The chosen channel's activation over the steps (d3 scales and path, static SVG). */
export function ActivationCurve({ values, steps, label }: { values: number[]; steps: number; label: string }) {
  const finite = values.filter(Number.isFinite);
  const [lo, hi] = finite.length ? (extent(finite) as [number, number]) : [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.05 + 0.01;
  const x = scaleLinear().domain([0, Math.max(1, steps)]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([lo - pad, hi + pad]).range([H - M.bottom, M.top]).nice(4);
  const path =
    line<number>()
      .defined(Number.isFinite)
      .x((_, i) => x(i))
      .y((v) => y(v))(values) ?? "";
  const last = finite[finite.length - 1];
  const summary = finite.length
    ? `${label}: ${finite[0].toFixed(3)} at step 1, ${last.toFixed(3)} at step ${values.length}.`
    : `${label}: no steps yet.`;
  return (
    <figure className="ink-curve" data-testid="activation-curve" data-points={finite.length} data-first={finite[0] ?? ""} data-last={last ?? ""}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Activation curve. ${summary}`}>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line className="ink-curve-grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="ink-curve-tick" x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {Number(t.toPrecision(3))}
            </text>
          </g>
        ))}
        {x.ticks(5).map((t) => (
          <text key={t} className="ink-curve-tick" x={x(t)} y={H - M.bottom + 14} textAnchor="middle">
            {t}
          </text>
        ))}
        <text className="ink-curve-tick" x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle">
          step
        </text>
        <path className="ink-curve-line" d={path} />
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
