import type { Demo } from "@/lib/demos";

/** A small drawing per demo for the gallery: what the demo shows, at a glance. */
export function DemoPicture({ slug }: { slug: Demo["slug"] }) {
  return (
    <svg viewBox="0 0 160 100" role="img" aria-label={`${slug} illustration`} className="demo-picture">
      <rect width="160" height="100" fill="var(--picture-bg)" />
      {pictures[slug]}
    </svg>
  );
}

// Deterministic pseudo-random numbers so server and client render the same pictures.
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const heatCells = (() => {
  const rnd = seeded(7);
  const cells = [];
  for (let r = 0; r < 8; r++)
    for (let c = 0; c < 8; c++) {
      const near = Math.abs(r - c) < 2 ? 0.6 : 0;
      cells.push({ r, c, v: Math.min(1, near + rnd() * 0.5) });
    }
  return cells;
})();

const posterTiles = (() => {
  const rnd = seeded(11);
  return Array.from({ length: 28 }, (_, i) => ({
    x: 8 + (i % 7) * 21 + rnd() * 3,
    y: 8 + Math.floor(i / 7) * 22 + rnd() * 3,
    hue: Math.round(rnd() * 360),
  }));
})();

const inkPixels = (() => {
  const rnd = seeded(5);
  const px = [];
  for (let y = 0; y < 12; y++)
    for (let x = 0; x < 20; x++) {
      const inShape = (x - 10) ** 2 / 36 + (y - 6) ** 2 / 16 < 1;
      if (inShape ? rnd() < 0.85 : rnd() < 0.08) px.push({ x, y });
    }
  return px;
})();

const icon4x4 = [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1];

const pictures: Record<Demo["slug"], React.ReactNode> = {
  numbers: (
    <g>
      {heatCells.map(({ r, c, v }) => (
        <rect key={`${r}-${c}`} x={12 + c * 9} y={14 + r * 9} width="8" height="8" fill={`rgba(37, 99, 235, ${v})`} />
      ))}
      <text x="100" y="40" fontSize="14" fill="currentColor">uno</text>
      <text x="100" y="58" fontSize="14" fill="currentColor">dos</text>
      <text x="100" y="76" fontSize="14" fill="currentColor">tri</text>
    </g>
  ),
  movies: (
    <g>
      {posterTiles.map((p, i) => (
        <rect key={i} x={p.x} y={p.y} width="17" height="19" rx="2" fill={`hsl(${p.hue} 60% 55%)`} />
      ))}
    </g>
  ),
  "image-search": (
    <g fill="none" stroke="currentColor" strokeWidth="3">
      <rect x="20" y="18" width="70" height="56" rx="4" />
      <path d="M24 68 L46 44 L60 58 L70 50 L86 68" />
      <circle cx="106" cy="52" r="18" />
      <path d="M119 65 L138 84" strokeWidth="6" strokeLinecap="round" />
    </g>
  ),
  radio: (
    <g fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round">
      {[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => {
        const h = 10 + 30 * Math.abs(Math.sin(i * 0.9));
        return <line key={i} x1={26 + i * 9} x2={26 + i * 9} y1={50 - h / 2} y2={50 + h / 2} />;
      })}
    </g>
  ),
  lights: (
    <g>
      <circle cx="80" cy="42" r="22" fill="#facc15" />
      <rect x="70" y="64" width="20" height="14" rx="3" fill="currentColor" />
      {[0, 1, 2, 3, 4, 5, 6, 7].map((i) => {
        const a = (i / 8) * Math.PI * 2;
        return (
          <line key={i} x1={80 + Math.cos(a) * 28} y1={42 + Math.sin(a) * 28} x2={80 + Math.cos(a) * 36} y2={42 + Math.sin(a) * 36}
            stroke="#facc15" strokeWidth="3" strokeLinecap="round" />
        );
      })}
    </g>
  ),
  draw: (
    <g>
      {icon4x4.map((on, i) => (
        <rect key={i} x={50 + (i % 4) * 15} y={20 + Math.floor(i / 4) * 15} width="14" height="14" fill={on ? "currentColor" : "none"}
          stroke="currentColor" strokeOpacity="0.25" />
      ))}
    </g>
  ),
  "deep-ink": (
    <g fill="currentColor">
      {inkPixels.map(({ x, y }) => (
        <rect key={`${x}-${y}`} x={20 + x * 6} y={14 + y * 6} width="6" height="6" />
      ))}
    </g>
  ),
};
