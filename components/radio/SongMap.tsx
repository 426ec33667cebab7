"use client";

import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3";
import { pageFriendlyZoomFilter } from "@/components/ui/zoom";
import { useEffect, useMemo, useRef, useState } from "react";
import type { RadioMapResponse, SongRef } from "@/lib/radio/core/api-schema";

const HEIGHT = 420;
const PAD = 12;
const UNTAGGED = "rgba(148, 163, 184, 0.45)";

interface Marked extends SongRef {
  role: "seed" | "station";
}

/**
 * Every song as a dot where its vector puts it (a 2-D layout of the word2vec space),
 * coloured by its Last.fm tag (its own, else the predicted one); the station's songs and
 * seeds lit up. Drag to pan; buttons or Ctrl+wheel zoom, so a plain wheel scrolls the page.
 */
export function SongMap({ map, seeds, station }: { map: RadioMapResponse; seeds: SongRef[]; station: SongRef[] }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const [width, setWidth] = useState(800);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [hover, setHover] = useState<{ x: number; y: number; song: Marked } | null>(null);

  const indexOfId = useMemo(() => new Map(map.ids.map((id, i) => [id, i])), [map]);
  const marked = useMemo<Marked[]>(
    () => [...station.map((s) => ({ ...s, role: "station" as const })), ...seeds.map((s) => ({ ...s, role: "seed" as const }))],
    [seeds, station],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    observer.observe(canvas.parentElement!);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || zoomRef.current) return;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, 12])
      .filter(pageFriendlyZoomFilter)
      .on("zoom", (event: { transform: ZoomTransform }) => setTransform(event.transform));
    select(canvas).call(behaviour).on("dblclick.zoom", null);
    zoomRef.current = behaviour;
  }, []);

  const project = useMemo(() => {
    const w = width - 2 * PAD;
    const h = HEIGHT - 2 * PAD;
    return (i: number): [number, number] => transform.apply([PAD + map.x[i] * w, PAD + map.y[i] * h]);
  }, [width, transform, map]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = width * dpr;
    canvas.height = HEIGHT * dpr;
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const r = Math.min(3, 1.1 * Math.sqrt(transform.k));
    // Untagged first, so coloured dots are not hidden under grey ones; least played first within.
    for (const pass of [false, true]) {
      for (let i = map.ids.length - 1; i >= 0; i--) {
        const c = map.colour[i];
        if ((c >= 0) !== pass) continue;
        const [x, y] = project(i);
        if (x < -r || y < -r || x > width + r || y > HEIGHT + r) continue;
        ctx.fillStyle = c >= 0 ? map.legend[c].colour : UNTAGGED;
        ctx.globalAlpha = c >= 0 ? 0.55 : 1;
        ctx.fillRect(x - r / 2, y - r / 2, r, r);
      }
    }
    ctx.globalAlpha = 1;
    for (const song of marked) {
      const i = indexOfId.get(song.id);
      if (i === undefined) continue;
      const [x, y] = project(i);
      ctx.beginPath();
      ctx.arc(x, y, song.role === "seed" ? 7 : 4.5, 0, 2 * Math.PI);
      ctx.fillStyle = song.role === "seed" ? "#111827" : "#f59e0b";
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
    }
  }, [map, marked, indexOfId, project, width, transform.k]);

  function onMove(e: React.PointerEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    let best: { d: number; song: Marked; x: number; y: number } | null = null;
    for (const song of marked) {
      const i = indexOfId.get(song.id);
      if (i === undefined) continue;
      const [x, y] = project(i);
      const d = Math.hypot(x - px, y - py);
      if (d < 12 && (!best || d < best.d)) best = { d, song, x, y };
    }
    setHover(best ? { x: best.x, y: best.y, song: best.song } : null);
  }

  const zoomBy = (factor: number) => canvasRef.current && zoomRef.current && select(canvasRef.current).call(zoomRef.current.scaleBy, factor);
  const reset = () => canvasRef.current && zoomRef.current && select(canvasRef.current).call(zoomRef.current.transform, zoomIdentity);

  return (
    <figure className="rd-map" data-testid="radio-map">
      <div className="rd-map-box">
        <canvas
          ref={canvasRef}
          style={{ width: `${width}px`, height: `${HEIGHT}px` }}
          aria-label={`Map of ${map.ids.length.toLocaleString("en")} songs; the station's songs are orange, the seeds black`}
          role="img"
          onPointerMove={onMove}
          onPointerLeave={() => setHover(null)}
        />
        {hover && (
          <div className="rd-map-tip" style={{ left: Math.min(hover.x + 10, width - 220), top: Math.max(0, hover.y - 36) }}>
            <strong>{hover.song.title}</strong>
            <span>{hover.song.artist || "unknown artist"}</span>
            <em>{hover.song.role === "seed" ? "seed" : "on the station"}</em>
          </div>
        )}
        <div className="rd-map-zoom">
          <button type="button" onClick={() => zoomBy(1.5)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / 1.5)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={reset} aria-label="Reset zoom">
            ⟲
          </button>
        </div>
      </div>
      <figcaption>
        <ul className="rd-legend" aria-label="Colours: Last.fm tags">
          <li>
            <span className="rd-swatch seed" /> seed
          </li>
          <li>
            <span className="rd-swatch station" /> station
          </li>
          {map.legend.map((t) => (
            <li key={t.tag}>
              <span className="rd-swatch" style={{ background: t.colour }} /> {t.tag}
            </li>
          ))}
          <li>
            <span className="rd-swatch" style={{ background: UNTAGGED }} /> other
          </li>
        </ul>
        <p className="rd-hint">Drag to pan; zoom with the buttons or Ctrl+scroll. Songs played on similar stations sit close together.</p>
      </figcaption>
    </figure>
  );
}
