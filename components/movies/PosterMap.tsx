"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { pageFriendlyZoomFilter } from "@/components/ui/zoom";
import { select, zoom as d3zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from "d3";
import { MAP_CELL_H, MAP_CELL_W, type MapResponse } from "@/lib/movies/core/api-schema";
import { movieMap, movieThumbnails } from "./api";
import { clusterColour, clusterShade } from "./colours";

const CW = MAP_CELL_W;
const CH = MAP_CELL_H;
/** Screen width of a cell from which posters are drawn one by one, and from which they become cards with text. */
const TILE_FROM_PX = 5;
const CARD_FROM_PX = 54;
/** Title labels of the best known films from here: two zoom steps (x2 each) before the cards. */
const TITLES_FROM_PX = CARD_FROM_PX / 4;
const MAX_TITLE_LABELS = 60;
const FLY_SCALE = 1.6;

interface Catalogue extends MapResponse {
  /** cellIndex[gy * cols + gx] = film index, -1 for an empty cell. */
  cellIndex: Int32Array;
  indexOf: Map<string, number>;
  colours: string[];
  shades: string[];
}

function prepare(map: MapResponse): Catalogue {
  const cellIndex = new Int32Array(map.cols * map.rows).fill(-1);
  map.gridX.forEach((gx, i) => (cellIndex[map.gridY[i] * map.cols + gx] = i));
  const colours = Array.from({ length: map.clusters }, (_, c) => clusterColour(c, map.clusters));
  const shades = Array.from({ length: map.clusters }, (_, c) => clusterShade(c, map.clusters));
  return { ...map, cellIndex, indexOf: new Map(map.titles.map((t, i) => [t, i])), colours, shades };
}

/** One pixel block per film (2 x 3, the poster's aspect): the far-out view, drawn once and scaled. */
function overviewBitmap(cat: Catalogue): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = cat.cols * 2;
  canvas.height = cat.rows * 3;
  const ctx = canvas.getContext("2d")!;
  cat.gridX.forEach((gx, i) => {
    ctx.fillStyle = cat.colours[cat.cluster[i]];
    ctx.fillRect(gx * 2, cat.gridY[i] * 3, 2, 3);
  });
  return canvas;
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) lines.push(line);
  if (lines.length === maxLines && lines.join(" ").length < text.length) {
    let last = lines[maxLines - 1];
    while (last.length > 1 && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last}…`;
  }
  return lines.map((l) => {
    let out = l;
    while (out.length > 1 && ctx.measureText(out).width > width) out = out.slice(0, -2) + "…";
    return out;
  });
}

export interface PosterMapProps {
  /** Draw real poster images (from upload.wikimedia.org) on the cards; failures stay silent (the drawn card remains). */
  showPosters?: boolean;
  selected: string | null;
  neighbours: string[];
  onSelect: (title: string) => void;
}

/**
 * The whole catalogue as posters on a canvas: coloured tiles (colour = cluster) far out,
 * cards with title and year close in; d3-zoom for pan / zoom / pinch; only the visible
 * cells are drawn. Selecting a film flies there; clicking a poster selects it. The
 * container's data-transform / data-center-cell / data-selected attributes expose the view.
 */
export function PosterMap({ selected, neighbours, onSelect, showPosters = false }: PosterMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hoverRef = useRef<HTMLParagraphElement>(null);
  const [cat, setCat] = useState<Catalogue | null>(null);
  const [error, setError] = useState("");
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const sizeRef = useRef({ w: 0, h: 0 });
  const drawRef = useRef<() => void>(() => undefined);
  const highlight = useRef<{ selected: number; neighbours: Set<number> }>({ selected: -1, neighbours: new Set() });
  const posters = useRef<{ on: boolean; urls: (string | null)[] | null; images: Map<number, HTMLImageElement | null>; loading: number }>({
    on: false,
    urls: null,
    images: new Map(),
    loading: 0,
  });
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect; // the canvas handlers, set up once, call the latest callback
  });

  useEffect(() => {
    let cancelled = false;
    movieMap()
      .then((map) => {
        if (!cancelled) setCat(prepare(map));
      })
      .catch((err) => !cancelled && setError(String(err.message ?? err)));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    posters.current.on = showPosters;
    if (showPosters && !posters.current.urls) {
      movieThumbnails()
        .then(({ prefix, thumbnails }) => {
          posters.current.urls = thumbnails.map((t) => (t === null ? null : /^https?:/.test(t) ? t : prefix + t));
          drawRef.current();
        })
        .catch(() => undefined);
    }
    drawRef.current();
  }, [showPosters]);

  // Canvas, zoom behaviour, drawing and resizing: set up once the catalogue is here.
  useEffect(() => {
    const canvas = canvasRef.current;
    const container = containerRef.current;
    if (!cat || !canvas || !container) return;
    const ctx = canvas.getContext("2d")!;
    const overview = overviewBitmap(cat);
    const worldW = cat.cols * CW;
    const worldH = cat.rows * CH;
    const lineCache = new Map<string, string[]>();
    let frame = 0;
    /** The loaded poster of film i, or null (loading starts for visible cards, a few at a time; errors are remembered, silently). */
    const posterImage = (i: number): HTMLImageElement | null => {
      const p = posters.current;
      if (!p.on || !p.urls?.[i]) return null;
      if (p.images.has(i)) {
        const img = p.images.get(i)!;
        return img && img.complete && img.naturalWidth > 0 ? img : null;
      }
      if (p.loading >= 8) return null;
      const img = new Image();
      img.referrerPolicy = "no-referrer";
      img.decoding = "async";
      p.loading++;
      p.images.set(i, img);
      img.onload = () => {
        p.loading--;
        schedule();
      };
      img.onerror = () => {
        p.loading--;
        p.images.set(i, null);
        schedule();
      };
      img.src = p.urls[i]!;
      return null;
    };

    const draw = () => {
      frame = 0;
      const { w, h } = sizeRef.current;
      const dpr = window.devicePixelRatio || 1;
      const t = zoomTransform(canvas);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = "#0b1020";
      ctx.fillRect(0, 0, w, h);
      const cellW = CW * t.k;
      const cellH = CH * t.k;
      const { selected: sel, neighbours: near } = highlight.current;
      if (cellW < TILE_FROM_PX) {
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(overview, t.x, t.y, worldW * t.k, worldH * t.k);
        container.dataset.titleLabels = "0";
      } else {
        const gx0 = Math.max(0, Math.floor(-t.x / cellW));
        const gx1 = Math.min(cat.cols - 1, Math.floor((w - t.x) / cellW));
        const gy0 = Math.max(0, Math.floor(-t.y / cellH));
        const gy1 = Math.min(cat.rows - 1, Math.floor((h - t.y) / cellH));
        const cards = cellW >= CARD_FROM_PX;
        const gap = cards ? Math.max(2, cellW * 0.06) : cellW > 10 ? 1 : 0;
        const fontSize = Math.min(15, Math.max(9, cellW / 7));
        if (cards) {
          ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
          ctx.textBaseline = "top";
        }
        for (let gy = gy0; gy <= gy1; gy++) {
          for (let gx = gx0; gx <= gx1; gx++) {
            const i = cat.cellIndex[gy * cat.cols + gx];
            if (i < 0) continue;
            const x = t.x + gx * cellW + gap / 2;
            const y = t.y + gy * cellH + gap / 2;
            const pw = cellW - gap;
            const ph = cellH - gap;
            if (!cards) {
              ctx.fillStyle = cat.colours[cat.cluster[i]];
              ctx.fillRect(x, y, pw, ph);
              continue;
            }
            ctx.fillStyle = cat.shades[cat.cluster[i]];
            ctx.fillRect(x, y, pw, ph);
            const image = posterImage(i);
            if (image) {
              // Cover the card, then a dark strip at the bottom for the title.
              const scale = Math.max(pw / image.naturalWidth, ph / image.naturalHeight);
              const sw = pw / scale;
              const sh = ph / scale;
              ctx.drawImage(image, (image.naturalWidth - sw) / 2, (image.naturalHeight - sh) / 2, sw, sh, x, y, pw, ph);
              ctx.fillStyle = "rgba(0,0,0,0.65)";
              ctx.fillRect(x, y + ph - fontSize * 2.6, pw, fontSize * 2.6);
              ctx.fillStyle = "#fff";
              const title = cat.displayTitles[i] ?? cat.titles[i];
              const [line] = wrap(ctx, `${title}${cat.years[i] !== null ? ` ${cat.years[i]}` : ""}`, pw - 6, 1);
              ctx.fillText(line, x + 3, y + ph - fontSize * 1.9);
              continue;
            }
            ctx.fillStyle = cat.colours[cat.cluster[i]];
            ctx.fillRect(x, y, pw, Math.max(3, ph * 0.06));
            const pad = Math.max(3, pw * 0.08);
            const title = cat.displayTitles[i] ?? cat.titles[i];
            const maxLines = Math.max(1, Math.floor((ph * 0.72) / (fontSize * 1.2)));
            const key = `${i}:${fontSize}:${maxLines}`;
            let lines = lineCache.get(key);
            if (!lines) {
              lines = wrap(ctx, title, pw - 2 * pad, maxLines);
              if (lineCache.size > 5000) lineCache.clear();
              lineCache.set(key, lines);
            }
            ctx.fillStyle = "#fff";
            lines.forEach((line, n) => ctx.fillText(line, x + pad, y + pad + Math.max(3, ph * 0.06) + n * fontSize * 1.2));
            if (cat.years[i] !== null) {
              ctx.fillStyle = "rgba(255,255,255,0.75)";
              ctx.font = `${fontSize * 0.9}px system-ui, sans-serif`;
              ctx.fillText(String(cat.years[i]), x + pad, y + ph - pad - fontSize);
              ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
            }
          }
        }
        // Before the cards (two zoom steps sooner): the best known visible films' titles as
        // labels over their tiles, like the big towns on a map, never on top of one another.
        let titleLabels = 0;
        if (!cards && cellW >= TITLES_FROM_PX) {
          const visible: number[] = [];
          for (let gy = gy0; gy <= gy1; gy++)
            for (let gx = gx0; gx <= gx1; gx++) {
              const i = cat.cellIndex[gy * cat.cols + gx];
              if (i >= 0) visible.push(i);
            }
          visible.sort((a, b) => a - b); // catalogue order = best known first
          ctx.font = "600 11px system-ui, sans-serif";
          ctx.textBaseline = "middle";
          const taken: [number, number, number, number][] = [];
          for (const i of visible) {
            if (titleLabels >= MAX_TITLE_LABELS) break;
            const text = cat.displayTitles[i] ?? cat.titles[i];
            const tw = Math.min(160, ctx.measureText(text).width + 8);
            const x = t.x + (cat.gridX[i] + 0.5) * cellW - tw / 2;
            const y = t.y + (cat.gridY[i] + 0.5) * cellH - 8;
            if (x < 0 || y < 0 || x + tw > w || y + 16 > h) continue;
            if (taken.some(([a, b, c, d]) => x < c + 3 && x + tw + 3 > a && y < d + 2 && y + 18 > b)) continue;
            taken.push([x, y, x + tw, y + 16]);
            ctx.fillStyle = "rgb(0 0 0 / 0.72)";
            ctx.fillRect(x, y, tw, 16);
            ctx.fillStyle = "#fff";
            ctx.fillText(wrap(ctx, text, tw - 8, 1)[0], x + 4, y + 8);
            titleLabels++;
          }
        }
        container.dataset.titleLabels = String(titleLabels);
      }
      // Highlights on top, at every zoom level: neighbours, then the selected film.
      const mark = (i: number, colour: string, width: number) => {
        const x = t.x + cat.gridX[i] * cellW;
        const y = t.y + cat.gridY[i] * cellH;
        ctx.strokeStyle = colour;
        ctx.lineWidth = width;
        if (cellW < 12) {
          ctx.beginPath();
          ctx.arc(x + cellW / 2, y + cellH / 2, Math.max(5, cellW), 0, 2 * Math.PI);
          ctx.stroke();
        } else ctx.strokeRect(x + 1, y + 1, cellW - 2, cellH - 2);
      };
      near.forEach((i) => mark(i, "#fde047", 2));
      if (sel >= 0) {
        mark(sel, "#000", 5);
        mark(sel, "#fff", 3);
      }
      // Region names at every zoom, biggest regions first, never on top of one another.
      if (cat.regions) {
        ctx.font = "600 12px system-ui, sans-serif";
        ctx.textBaseline = "middle";
        const taken: [number, number, number, number][] = [];
        for (const r of [...cat.regions].sort((a, b) => b.films - a.films)) {
          const tw = ctx.measureText(r.label).width + 10;
          const x = t.x + (r.gx + 0.5) * cellW - tw / 2;
          const y = t.y + (r.gy + 0.5) * cellH - 10;
          if (x < 2 || y < 2 || x + tw > w - 44 || y + 20 > h - 2) continue;
          if (taken.some(([a, b, c, d]) => x < c + 4 && x + tw + 4 > a && y < d + 2 && y + 22 > b)) continue;
          taken.push([x, y, x + tw, y + 20]);
          ctx.fillStyle = "rgb(15 23 42 / 0.8)";
          ctx.fillRect(x, y, tw, 20);
          ctx.fillStyle = cat.colours[r.cluster];
          ctx.fillRect(x, y + 17, tw, 3);
          ctx.fillStyle = "#fff";
          ctx.fillText(r.label, x + 5, y + 9);
        }
        container.dataset.regionLabels = String(taken.length);
      }
      const center = t.invert([w / 2, h / 2]);
      container.dataset.transform = `${t.x.toFixed(1)},${t.y.toFixed(1)},${t.k.toFixed(4)}`;
      container.dataset.centerCell = `${Math.floor(center[0] / CW)},${Math.floor(center[1] / CH)}`;
      container.dataset.level = cellW < TILE_FROM_PX ? "overview" : cellW < CARD_FROM_PX ? "tiles" : "cards";
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    drawRef.current = schedule;

    const fitScale = () => Math.min(sizeRef.current.w / worldW, sizeRef.current.h / worldH);
    const fitTransform = () => {
      const k = fitScale();
      return zoomIdentity.translate((sizeRef.current.w - worldW * k) / 2, (sizeRef.current.h - worldH * k) / 2).scale(k);
    };
    const zoom = d3zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([fitScale() * 0.8 || 0.01, 4])
      // A plain wheel scrolls the page past the map; it zooms with Ctrl/Cmd held, or once the map has focus (a click or Tab).
      .filter((event: MouseEvent | WheelEvent | TouchEvent) => pageFriendlyZoomFilter(event) || (event.type === "wheel" && document.activeElement === canvas))
      .on("zoom", schedule);
    zoomRef.current = zoom;
    const sel = select(canvas);
    sel.call(zoom);

    const resize = () => {
      const w = container.clientWidth;
      const h = Math.round(Math.min(640, Math.max(340, w * 0.62)));
      if (w === sizeRef.current.w && h === sizeRef.current.h) return;
      const first = sizeRef.current.w === 0;
      sizeRef.current = { w, h };
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      zoom.scaleExtent([fitScale() * 0.8, 4]).translateExtent([
        [-worldW * 0.25, -worldH * 0.25],
        [worldW * 1.25, worldH * 1.25],
      ]);
      if (first) sel.call(zoom.transform, fitTransform());
      schedule();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(container);
    resize();

    const cellAt = (event: MouseEvent) => {
      const rect = canvas.getBoundingClientRect();
      const [wx, wy] = zoomTransform(canvas).invert([event.clientX - rect.left, event.clientY - rect.top]);
      const gx = Math.floor(wx / CW);
      const gy = Math.floor(wy / CH);
      if (gx < 0 || gy < 0 || gx >= cat.cols || gy >= cat.rows) return -1;
      return cat.cellIndex[gy * cat.cols + gx];
    };
    const onClick = (event: MouseEvent) => {
      const i = cellAt(event);
      if (i >= 0) onSelectRef.current(cat.titles[i]);
    };
    const onMove = (event: MouseEvent) => {
      const i = cellAt(event);
      if (hoverRef.current) {
        hoverRef.current.textContent =
          i >= 0 ? `${cat.displayTitles[i] ?? cat.titles[i]}${cat.years[i] !== null ? ` (${cat.years[i]})` : ""}` : "\u00a0";
      }
      canvas.style.cursor = i >= 0 ? "pointer" : "grab";
    };
    canvas.addEventListener("click", onClick);
    canvas.addEventListener("mousemove", onMove);
    container.dataset.ready = "true";
    return () => {
      observer.disconnect();
      canvas.removeEventListener("click", onClick);
      canvas.removeEventListener("mousemove", onMove);
      sel.on(".zoom", null);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [cat]);

  // A new selection: highlight it and its neighbours, and fly there.
  useEffect(() => {
    const canvas = canvasRef.current;
    const zoom = zoomRef.current;
    if (!cat || !canvas || !zoom) return;
    const i = selected === null ? -1 : (cat.indexOf.get(selected) ?? -1);
    highlight.current = { selected: i, neighbours: new Set(neighbours.flatMap((t) => cat.indexOf.get(t) ?? [])) };
    if (containerRef.current) containerRef.current.dataset.selected = i >= 0 ? cat.titles[i] : "";
    drawRef.current();
  }, [cat, selected, neighbours]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const zoom = zoomRef.current;
    if (!cat || !canvas || !zoom || selected === null) return;
    const i = cat.indexOf.get(selected) ?? -1;
    if (i < 0) return;
    const { w, h } = sizeRef.current;
    const k = Math.max(FLY_SCALE, zoomTransform(canvas).k);
    const target: ZoomTransform = zoomIdentity
      .translate(w / 2, h / 2)
      .scale(k)
      .translate(-(cat.gridX[i] + 0.5) * CW, -(cat.gridY[i] + 0.5) * CH);
    const container = containerRef.current;
    if (container) container.dataset.flying = "true";
    const done = () => {
      if (container) container.dataset.flying = "false";
    };
    select(canvas).transition("fly").duration(1200).call(zoom.transform, target).on("end", done).on("interrupt", done);
  }, [cat, selected]);

  const zoomBy = (factor: number) => {
    if (canvasRef.current && zoomRef.current) select(canvasRef.current).transition().duration(300).call(zoomRef.current.scaleBy, factor);
  };
  const reset = () => {
    const canvas = canvasRef.current;
    if (!canvas || !zoomRef.current || !cat) return;
    const { w, h } = sizeRef.current;
    const k = Math.min(w / (cat.cols * CW), h / (cat.rows * CH));
    select(canvas)
      .transition()
      .duration(700)
      .call(zoomRef.current.transform, zoomIdentity.translate((w - cat.cols * CW * k) / 2, (h - cat.rows * CH * k) / 2).scale(k));
  };

  const count = useMemo(() => cat?.titles.length ?? 0, [cat]);
  return (
    <div className="mv-map-wrap">
      <div
        ref={containerRef}
        className="mv-map"
        data-testid="movie-map"
        data-cell-size={`${CW},${CH}`}
        data-film-count={count}
      >
        <canvas
          ref={canvasRef}
          className="mv-canvas"
          tabIndex={0}
          aria-label="Map of all films as posters; drag to pan, pinch or Ctrl+scroll to zoom (or scroll once the map has focus), click a poster to select it"
          role="img"
        />
        {!cat && !error && <p className="mv-map-status">Loading the map of the catalogue…</p>}
        {error && <p className="mv-map-status error-box">{error}</p>}
        <div className="mv-map-buttons">
          <button type="button" onClick={() => zoomBy(2)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(0.5)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={reset} aria-label="Show everything">
            ⤢
          </button>
        </div>
      </div>
      <p className="mv-map-hover" ref={hoverRef}>
        {"\u00a0"}
      </p>
      {cat?.regions && (
        <details className="mv-legend" data-testid="map-legend">
          <summary>Colour key: {cat.regions.length} regions, named by their most typical genre and decade</summary>
          <ul>
            {[...cat.regions]
              .sort((a, b) => b.films - a.films)
              .map((r) => (
                <li key={r.cluster}>
                  <span className="mv-swatch" style={{ background: cat.colours[r.cluster] }} aria-hidden="true" />
                  {r.label} <small>({r.films.toLocaleString("en")})</small>
                </li>
              ))}
          </ul>
        </details>
      )}
    </div>
  );
}
