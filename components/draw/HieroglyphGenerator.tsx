"use client";
import { useRef, useState } from "react";
import { ProgressBar } from "@/components/ui/ProgressBar";
import type { Bitmap } from "@/lib/draw/core/bitmap";
import { layoutStela, renderStela } from "@/lib/draw/core/stela";
import { downloadCanvas, drawStelaImage, unpackPixels } from "./canvas";
import { DrawControls, parseSeed, type DrawSettings } from "./DrawControls";
import { GlyphTile } from "./GlyphTile";
import { useDrawWorker } from "./useDrawWorker";

const COUNT = 30;

/** Generated hieroglyphs: a stela of them (download as PNG) and each with MobileNet's label. */
export function HieroglyphGenerator({ trained }: { trained: boolean }) {
  const [settings, setSettings] = useState<DrawSettings>({ temperature: 1, seed: "7" });
  const [error, setError] = useState<string | null>(null);
  const [glyphs, setGlyphs] = useState<Bitmap[]>([]);
  const [labels, setLabels] = useState<{ label: string; probability: number }[]>([]);
  const [stats, setStats] = useState<{ rejected: number; seed: number } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sampler = useDrawWorker();
  const classifier = useDrawWorker();

  async function generate() {
    const parsed = parseSeed(settings.seed);
    if ("error" in parsed) return setError(parsed.error);
    setError(null);
    try {
      const out = await sampler.run({ kind: "sample", model: "glyphs", count: COUNT, temperature: settings.temperature, seed: parsed.seed });
      if (!out || !canvasRef.current) return;
      const bitmaps = unpackPixels(out.pixels, out.size, out.count);
      drawStelaImage(canvasRef.current, renderStela(bitmaps, layoutStela(bitmaps), parsed.seed));
      setGlyphs(bitmaps);
      setLabels([]);
      setStats({ rejected: out.rejected, seed: parsed.seed });
      const labelled = await classifier.run({ kind: "classify", size: out.size, pixels: out.pixels.slice() });
      if (labelled) setLabels(labelled.labels);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  if (!trained) return <p className="draw-note">The glyph model is not trained yet.</p>;
  return (
    <div className="draw-card">
      <div className="draw-controls">
        <DrawControls value={settings} onChange={setSettings} idPrefix="glyphs" />
        <div className="draw-buttons">
          <button type="button" className="draw-button primary" onClick={generate} disabled={sampler.busy}>
            {sampler.busy ? "Carving…" : "Carve a stela"}
          </button>
          <button type="button" className="draw-button" disabled={!stats || sampler.busy} onClick={() => canvasRef.current && stats && downloadCanvas(canvasRef.current, `stela-seed${stats.seed}.png`)}>
            Download PNG
          </button>
        </div>
        {error && <p className="draw-error" role="alert">{error}</p>}
      </div>
      {sampler.busy && <ProgressBar snapshot={sampler.progress?.snapshot ?? null} label={sampler.progress?.message ?? "Loading the model"} />}
      {stats && (
        <p className="draw-stats" data-testid="glyph-stats">
          {glyphs.length} glyphs, <b>{stats.rejected}</b> invalid samples rejected
        </p>
      )}
      <div className="draw-canvas-wrap">
        <canvas ref={canvasRef} className="draw-canvas draw-stela" data-testid="stela" hidden={!stats} />
      </div>
      {glyphs.length > 0 && (
        <>
          <h3>What MobileNet sees in them</h3>
          {classifier.busy && <ProgressBar snapshot={classifier.progress?.snapshot ?? null} label={classifier.progress?.message ?? "Loading MobileNet"} />}
          <div className="draw-glyphs" data-testid="glyph-grid">
            {glyphs.map((g, i) => (
              <GlyphTile key={i} glyph={g} label={labels[i]} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
