"use client";

export interface DrawSettings {
  temperature: number;
  seed: string;
}

/** Temperature slider and seed field shared by the icon and hieroglyph generators. */
export function DrawControls({ value, onChange, idPrefix }: { value: DrawSettings; onChange: (v: DrawSettings) => void; idPrefix: string }) {
  return (
    <>
      <label className="draw-field" htmlFor={`${idPrefix}-temperature`}>
        <span>Temperature {value.temperature.toFixed(2)}</span>
        <input
          id={`${idPrefix}-temperature`}
          type="range"
          min={0.1}
          max={2}
          step={0.05}
          value={value.temperature}
          onChange={(e) => onChange({ ...value, temperature: Number(e.target.value) })}
        />
        <small>low: safe and repetitive; high: wild</small>
      </label>
      <label className="draw-field" htmlFor={`${idPrefix}-seed`}>
        <span>Seed</span>
        <span className="draw-seed">
          <input id={`${idPrefix}-seed`} inputMode="numeric" value={value.seed} onChange={(e) => onChange({ ...value, seed: e.target.value })} />
          <button type="button" className="draw-button" onClick={() => onChange({ ...value, seed: String(Math.floor(Math.random() * 1e6)) })} title="A random seed">
            Random
          </button>
        </span>
        <small>same seed, same drawings</small>
      </label>
    </>
  );
}

/** The seed as an integer, or an error message naming the bad value. */
export function parseSeed(text: string): { seed: number } | { error: string } {
  const t = text.trim();
  if (!/^-?\d{1,10}$/.test(t) || Math.abs(Number(t)) > 4294967295) return { error: `The seed must be a whole number (got "${text}").` };
  return { seed: Number(t) };
}
