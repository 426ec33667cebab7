"use client";
import { useRef, useState } from "react";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { iconColours } from "@/lib/draw/core/palette";
import type { ModelName } from "@/lib/draw/core/models";
import { downloadCanvas, drawBitmapGrid, unpackPixels } from "./canvas";
import { DrawControls, parseSeed, type DrawSettings } from "./DrawControls";
import { useDrawWorker } from "./useDrawWorker";

const COLS = 15;
const ROWS = 10;

/** The icon RNN: 150 icons from the 8x8 or 32x32 model in a 15x10 grid, each in its own colour. */
export function IconGenerator({ available }: { available: ModelName[] }) {
  const [model, setModel] = useState<ModelName>(available.includes("icons8") ? "icons8" : available[0]);
  const [settings, setSettings] = useState<DrawSettings>({ temperature: 1, seed: "1" });
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ count: number; rejected: number; ms: number; backend: string; model: ModelName; seed: number } | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { run, progress, busy } = useDrawWorker();

  async function generate() {
    const parsed = parseSeed(settings.seed);
    if ("error" in parsed) return setError(parsed.error);
    setError(null);
    try {
      const out = await run({ kind: "sample", model, count: COLS * ROWS, temperature: settings.temperature, seed: parsed.seed });
      if (!out || !canvasRef.current) return;
      const bitmaps = unpackPixels(out.pixels, out.size, out.count);
      drawBitmapGrid(canvasRef.current, bitmaps, COLS, out.size === 8 ? 32 : 48, iconColours(bitmaps.length, parsed.seed));
      setResult({ count: out.count, rejected: out.rejected, ms: out.ms, backend: out.backend, model, seed: parsed.seed });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  if (available.length === 0) return <p className="draw-note">No icon model is trained yet.</p>;
  return (
    <div className="draw-card">
      <div className="draw-controls">
        <label className="draw-field" htmlFor="icons-model">
          <span>Model</span>
          <select id="icons-model" value={model} onChange={(e) => setModel(e.target.value as ModelName)}>
            {available.map((m) => (
              <option key={m} value={m}>
                {m === "icons8" ? "8x8 pixels" : "32x32 scanlines"}
              </option>
            ))}
          </select>
        </label>
        <DrawControls value={settings} onChange={setSettings} idPrefix="icons" />
        <div className="draw-buttons">
          <button type="button" className="draw-button primary" onClick={generate} disabled={busy}>
            {busy ? "Drawing…" : "Draw 150 icons"}
          </button>
          <button type="button" className="draw-button" disabled={!result || busy} onClick={() => canvasRef.current && result && downloadCanvas(canvasRef.current, `icons-${result.model}-seed${result.seed}.png`)}>
            Download PNG
          </button>
        </div>
        {error && <p className="draw-error" role="alert">{error}</p>}
      </div>
      {busy && <ProgressBar snapshot={progress?.snapshot ?? null} label={progress?.message ?? "Loading the model"} />}
      {result && (
        <p className="draw-stats" data-testid="icon-stats">
          {result.count} icons from <b>{result.model}</b>, <b>{result.rejected}</b> invalid samples rejected · {(result.ms / 1000).toFixed(1)} s on {result.backend}
        </p>
      )}
      <div className="draw-canvas-wrap">
        <canvas ref={canvasRef} className="draw-canvas" data-testid="icon-grid" hidden={!result} />
      </div>
    </div>
  );
}
