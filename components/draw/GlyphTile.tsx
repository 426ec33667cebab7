"use client";
import { useEffect, useRef } from "react";
import type { Bitmap } from "@/lib/draw/core/bitmap";
import { drawBitmapGrid } from "./canvas";

/** One generated glyph with the classifier's label under it. */
export function GlyphTile({ glyph, label }: { glyph: Bitmap; label?: { label: string; probability: number } }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawBitmapGrid(ref.current, [glyph], 1, 64, ["#3b2414"]);
  }, [glyph]);
  return (
    <figure className="draw-glyph">
      <canvas ref={ref} />
      <figcaption>{label ? `${label.label} ${(label.probability * 100).toFixed(0)}%` : "…"}</figcaption>
    </figure>
  );
}
