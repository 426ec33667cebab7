"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { interpolateYlGnBu, scaleLinear, scaleSequential } from "d3";
import { heatmapCell, scoreExtent, type HeatmapCell, type HeatmapData } from "@/lib/numbers/core/heatmap";
import { displayName, isJokeArticle } from "@/lib/numbers/core/joke";
import { formatCost, formatScore } from "./format";
import { JokeArticleNote } from "./LanguageLabel";
import { LanguageRow } from "./LanguageRow";

const LABEL_SPACE = 130; // px for row / column names when there is room for them
const MIN_WIDTH_FOR_LABELS = 560;
/** Room kept free above and below the picture, so all of it fits in the window at once. */
const VIEWPORT_MARGIN = 60;

interface Geometry {
  cell: number;
  /** Where the grid starts inside the canvas (room for labels). */
  left: number;
  top: number;
  width: number;
  height: number;
}

function geometry(available: number, n: number): Geometry {
  const labels = available >= MIN_WIDTH_FOR_LABELS ? LABEL_SPACE : 0;
  // Fractional cells fill a phone's width; edges are snapped to device pixels when drawing.
  const cell = Math.max(3, Math.min(12, Math.floor(((available - labels - 2) / Math.max(n, 1)) * 4) / 4));
  const size = Math.ceil(labels + cell * n);
  return { cell, left: labels, top: labels, width: size, height: size };
}

interface Hover {
  row: number;
  col: number;
  x: number;
  y: number;
}

/** The pair scores as a 75 x 75 matrix in tree order, on a canvas; hover (or tap) a cell for the pair's ten distances. */
export function DistanceHeatmap(props: {
  data: HeatmapData;
  words: Map<string, string[]>;
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  const { data, words, selected, onSelect } = props;
  const n = data.names.length;
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [available, setAvailable] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const extent = useMemo(() => scoreExtent(data), [data]);
  const colour = useMemo(() => scaleSequential(interpolateYlGnBu).domain(extent), [extent]);
  const geo = useMemo(() => (available > 0 ? geometry(available, n) : null), [available, n]);
  const selectedIndex = selected ? data.names.indexOf(selected) : -1;

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    // The square is as wide as the box but never taller than the window.
    const measure = () => setAvailable(Math.min(box.clientWidth, Math.max(240, window.innerHeight - VIEWPORT_MARGIN)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !geo) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(geo.width * ratio);
    canvas.height = Math.round(geo.height * ratio);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const { cell, left, top } = geo;
    // Cells in device pixels, each edge rounded, so fractional sizes leave no seams.
    const edge = (offset: number, index: number) => Math.round((offset + index * cell) * ratio);
    for (let i = 0; i < n; i++) {
      const y0 = edge(top, i);
      const y1 = edge(top, i + 1);
      for (let j = 0; j < n; j++) {
        const x0 = edge(left, j);
        ctx.fillStyle = i === j ? "#1e293b" : colour(heatmapCell(data, i, j).score);
        ctx.fillRect(x0, y0, edge(left, j + 1) - x0, y1 - y0);
      }
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const styles = getComputedStyle(canvas);
    const fg = styles.getPropertyValue("--fg").trim() || "#1f2937";
    const accent = styles.getPropertyValue("--accent").trim() || "#2563eb";
    if (left > 0) {
      ctx.font = `${Math.min(cell + 1, 11)}px system-ui, sans-serif`;
      ctx.textBaseline = "middle";
      for (let i = 0; i < n; i++) {
        const name = fit(ctx, isJokeArticle(data.names[i]) ? `${displayName(data.names[i])} (joke)` : data.names[i], left - 8);
        ctx.fillStyle = i === selectedIndex ? accent : fg;
        ctx.font = `${i === selectedIndex ? "bold " : ""}${Math.min(cell + 1, 11)}px system-ui, sans-serif`;
        ctx.textAlign = "right";
        ctx.fillText(name, left - 4, top + i * cell + cell / 2);
        ctx.save();
        ctx.translate(left + i * cell + cell / 2, top - 4);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = "left";
        ctx.fillText(name, 0, 0);
        ctx.restore();
      }
    }
    ctx.lineWidth = 1.5;
    if (selectedIndex >= 0) {
      ctx.strokeStyle = accent;
      ctx.strokeRect(left + 0.75, top + selectedIndex * cell + 0.75, n * cell - 1.5, cell - 1.5);
      ctx.strokeRect(left + selectedIndex * cell + 0.75, top + 0.75, cell - 1.5, n * cell - 1.5);
    }
    if (hover) {
      ctx.strokeStyle = "#f97316";
      ctx.strokeRect(left + hover.col * cell - 0.75, top + hover.row * cell - 0.75, cell + 1.5, cell + 1.5);
    }
  }, [data, n, geo, colour, selectedIndex, hover]);

  // A tooltip at a fixed place would drift off its cell when the page scrolls: hide it.
  useEffect(() => {
    if (!hover) return;
    const hide = () => setHover(null);
    window.addEventListener("scroll", hide, { passive: true, once: true });
    return () => window.removeEventListener("scroll", hide);
  }, [hover]);

  function cellAt(event: React.MouseEvent<HTMLCanvasElement>): Hover | null {
    if (!geo) return null;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left - geo.left;
    const y = event.clientY - rect.top - geo.top;
    const col = Math.floor(x / geo.cell);
    const row = Math.floor(y / geo.cell);
    if (x < 0 || y < 0 || col >= n || row >= n) return null;
    return { row, col, x: event.clientX, y: event.clientY };
  }

  const cell = hover ? heatmapCell(data, hover.row, hover.col) : null;

  return (
    <section className="nums-section" aria-labelledby="nums-heatmap">
      <h2 id="nums-heatmap">How alike every two languages count</h2>
      <p className="nums-lede">
        Each cell is the score of two languages (rows and columns in the tree&apos;s order, so families form dark blocks).
        Hover or tap a cell for the ten distances; click it to select the row&apos;s language, whose row is listed below
        with names.
      </p>
      <ColourLegend colour={colour} extent={extent} />
      <div className="nums-heatmap-layout">
        <div className="nums-heatmap-box" ref={boxRef}>
          {geo && (
            <canvas
              ref={canvasRef}
              className="nums-heatmap"
              data-testid="heatmap"
              data-rows={n}
              data-cols={n}
              data-cell={geo.cell}
              data-left={geo.left}
              data-top={geo.top}
              style={{ width: geo.width, height: geo.height }}
              role="img"
              aria-label={`Heat map of pair scores for ${n} languages in tree order`}
              onPointerMove={(event) => setHover(cellAt(event))}
              onPointerDown={(event) => setHover(cellAt(event))}
              onPointerLeave={(event) => event.pointerType === "mouse" && setHover(null)}
              onClick={(event) => {
                const at = cellAt(event);
                if (at) onSelect(data.names[at.row]);
              }}
            />
          )}
        </div>
        <LanguageRow data={data} language={selected && data.names.includes(selected) ? selected : data.names[0]} colour={colour} extent={extent} onSelect={onSelect} />
      </div>
      {hover && cell && <PairTooltip cell={cell} x={hover.x} y={hover.y} words={words} />}
      {data.names.some(isJokeArticle) && <JokeArticleNote />}
    </section>
  );
}

/** Shortens a label with an ellipsis to fit `width` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function PairTooltip({ cell, x, y, words }: { cell: HeatmapCell; x: number; y: number; words: Map<string, string[]> }) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x + 14, top: y + 14 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const left = x + 14 + width > window.innerWidth - 8 ? Math.max(8, x - 14 - width) : x + 14;
    const top = y + 14 + height > window.innerHeight - 8 ? Math.max(8, y - 14 - height) : y + 14;
    setPosition({ left, top });
  }, [x, y, cell]);
  const wordsA = words.get(cell.a) ?? [];
  const wordsB = words.get(cell.b) ?? [];
  return (
    <div ref={ref} className="nums-tooltip" role="tooltip" data-testid="heatmap-tooltip" style={position}>
      <p>
        <strong>{displayName(cell.a)}</strong> × <strong>{displayName(cell.b)}</strong>
        <br />
        score <strong>{formatScore(cell.score)}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th />
            <th>{displayName(cell.a)}</th>
            <th>{displayName(cell.b)}</th>
            <th>d</th>
          </tr>
        </thead>
        <tbody>
          {cell.distances.map((d, k) => (
            <tr key={k}>
              <th>{k + 1}</th>
              <td>{wordsA[k]}</td>
              <td>{wordsB[k]}</td>
              <td className="nums-num">{formatCost(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A horizontal colour bar with ticks: the score each colour stands for. */
function ColourLegend({ colour, extent }: { colour: (value: number) => string; extent: [number, number] }) {
  const width = 240;
  const [low, high] = extent;
  const stops = Array.from({ length: 11 }, (_, i) => low + ((high - low) * i) / 10);
  const ticks = scaleLinear().domain(extent).ticks(5);
  const x = (v: number) => ((v - low) / (high - low || 1)) * width;
  return (
    <figure className="nums-legend" aria-label={`Colour scale from score ${low.toFixed(2)} (least alike) to ${high.toFixed(2)} (identical)`}>
      <svg width={width + 20} height={34} viewBox={`-10 0 ${width + 20} 34`} role="img" aria-hidden="true">
        <defs>
          <linearGradient id="nums-legend-gradient">
            {stops.map((v, i) => (
              <stop key={i} offset={`${i * 10}%`} stopColor={colour(v)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={0} y={0} width={width} height={12} fill="url(#nums-legend-gradient)" rx={2} />
        {ticks.map((t) => (
          <g key={t} transform={`translate(${x(t)},12)`}>
            <line y2={4} stroke="currentColor" />
            <text y={15} textAnchor="middle" fontSize={10} fill="currentColor">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="nums-muted nums-small">score: less alike → identical</figcaption>
    </figure>
  );
}
