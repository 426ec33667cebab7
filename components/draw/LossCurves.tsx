"use client";
import * as d3 from "d3";
import type { LossPoint, ModelName } from "@/lib/draw/core/models";

export interface LossCurveModel {
  name: ModelName;
  history: LossPoint[];
  unigram: number | null;
  /** Training sequences per epoch: x = sequences seen / this (resumed runs continue the line). */
  train: number;
}

const COLORS: Record<ModelName, string> = { icons8: "#2563eb", icons32: "#db2777", glyphs: "#b45309" };
const W = 640;
const H = 300;
const M = { left: 48, right: 16, top: 16, bottom: 40 };

/** Validation loss (solid) and training loss (dashed) per model over epochs, with each model's unigram baseline (dotted). */
export function LossCurves({ models }: { models: LossCurveModel[] }) {
  const trained = models.filter((m) => m.history.length > 0);
  if (trained.length === 0) return <p className="draw-note">No model is trained yet.</p>;
  const epochOf = (m: LossCurveModel, p: LossPoint) => p.seen / Math.max(1, m.train);
  const maxEpoch = d3.max(trained, (m) => d3.max(m.history, (p) => epochOf(m, p))) ?? 1;
  const maxLoss = d3.max(trained, (m) => Math.max(m.unigram ?? 0, d3.max(m.history, (p) => Math.max(p.train, p.validation)) ?? 0)) ?? 1;
  const x = d3.scaleLinear().domain([0, maxEpoch]).range([M.left, W - M.right]);
  const y = d3.scaleLinear().domain([0, maxLoss * 1.05]).nice().range([H - M.bottom, M.top]);
  const line = (m: LossCurveModel, key: "train" | "validation") =>
    d3
      .line<LossPoint>()
      .x((p) => x(epochOf(m, p)))
      .y((p) => y(p[key]))(m.history) ?? "";
  return (
    <figure className="draw-loss">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Loss curves of the drawing models">
        {y.ticks(5).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--border)" />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="var(--muted)">
              {t}
            </text>
          </g>
        ))}
        {x.ticks(Math.min(10, Math.ceil(maxEpoch))).map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 16} textAnchor="middle" fontSize={11} fill="var(--muted)">
            {t}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="var(--muted)">
          epochs of training data seen
        </text>
        <text x={12} y={M.top + 4} fontSize={12} fill="var(--muted)">
          nats/token
        </text>
        {trained.map((m) => (
          <g key={m.name}>
            {m.unigram !== null && (
              <line x1={M.left} x2={W - M.right} y1={y(m.unigram)} y2={y(m.unigram)} stroke={COLORS[m.name]} strokeDasharray="2 4" opacity={0.7} />
            )}
            <path d={line(m, "train")} fill="none" stroke={COLORS[m.name]} strokeWidth={1.5} strokeDasharray="6 4" opacity={0.7} />
            <path d={line(m, "validation")} fill="none" stroke={COLORS[m.name]} strokeWidth={2.5} />
          </g>
        ))}
      </svg>
      <figcaption>
        {trained.map((m) => (
          <span key={m.name} className="draw-legend">
            <i style={{ background: COLORS[m.name] }} /> {m.name}
          </span>
        ))}
        <span className="draw-note"> solid: validation, dashed: training, dotted: unigram baseline</span>
      </figcaption>
    </figure>
  );
}
