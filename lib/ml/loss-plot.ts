// A loss curve as a small standalone SVG (plain SVG text, no library).

export interface Series {
  name: string;
  color: string;
  values: number[];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Line chart of one or more series over epochs 1..n. */
export function lossSvg(series: readonly Series[], title: string, width = 640, height = 360): string {
  const left = 56;
  const right = 16;
  const top = 36;
  const bottom = 44;
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const maxV = all.length ? Math.max(...all) : 1;
  const yMax = niceCeil(maxV);
  const px = (i: number) => left + (n === 1 ? 0 : (i / (n - 1)) * (width - left - right));
  const py = (v: number) => top + (1 - v / yMax) * (height - top - bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  for (let t = 0; t <= 4; t++) {
    const v = (yMax * t) / 4;
    const y = py(v).toFixed(1);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${Number(v.toPrecision(3))}</text>`);
  }
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += step) parts.push(`<text x="${px(i).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${i + 1}</text>`);
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle">epoch</text>`);
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>`);
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>`);
    for (let i = 0; i < s.values.length; i++) parts.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(s.values[i]).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    const lx = width - right - 200;
    const ly = top + 8 + k * 18;
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<text x="${lx + 24}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
