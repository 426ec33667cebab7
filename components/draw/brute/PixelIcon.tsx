import { memo } from "react";

/**
 * A tiny black-and-white grid drawn crisp: one SVG rect per black pixel on white, no
 * smoothing, `px` CSS pixels wide.
 */
export const PixelIcon = memo(function PixelIcon({ pixels, grid, px, title }: { pixels: ArrayLike<number>; grid: number; px: number; title?: string }) {
  const rects = [];
  for (let i = 0; i < grid * grid; i++) {
    if (pixels[i]) rects.push(<rect key={i} x={i % grid} y={Math.floor(i / grid)} width={1} height={1} />);
  }
  return (
    <svg
      width={px}
      height={px}
      viewBox={`0 0 ${grid} ${grid}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={title}
      style={{ background: "#fff", display: "block", outline: "1px solid #d1d5db" }}
    >
      {title ? <title>{title}</title> : null}
      <g fill="#000">{rects}</g>
    </svg>
  );
});
