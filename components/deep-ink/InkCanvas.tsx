"use client";

import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";

export interface InkCanvasHandle {
  /** Redraws the frame (1 = black); cheap enough to call on every step. */
  draw(bits: Uint8Array, size: number): void;
  canvas(): HTMLCanvasElement | null;
}

/** Writes a bitmap into an ImageData: black where bits are 1, white elsewhere. */
export function paintBits(ctx: CanvasRenderingContext2D, bits: Uint8Array, size: number): void {
  const image = ctx.createImageData(size, size);
  const d = image.data;
  for (let i = 0; i < bits.length; i++) {
    const v = bits[i] ? 0 : 255;
    d[4 * i] = d[4 * i + 1] = d[4 * i + 2] = v;
    d[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** A drawing at its own resolution, scaled up by CSS without smoothing. */
export const InkCanvas = forwardRef<InkCanvasHandle, { bits: Uint8Array | null; size: number; label: string; className?: string }>(function InkCanvas(
  { bits, size, label, className },
  ref,
) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const draw = (b: Uint8Array, s: number) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    if (canvas.width !== s) canvas.width = canvas.height = s;
    const ctx = canvas.getContext("2d");
    if (ctx && b.length === s * s) paintBits(ctx, b, s);
  };
  useImperativeHandle(ref, () => ({ draw, canvas: () => canvasRef.current }));
  useEffect(() => {
    if (bits) draw(bits, size);
  }, [bits, size]);
  return <canvas ref={canvasRef} width={size} height={size} className={className ?? "ink-canvas"} role="img" aria-label={label} />;
});
