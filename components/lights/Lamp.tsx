/** A light bulb that is lit or not: the picture says it faster than "on"/"off". */
export function Bulb({ on, size = 40 }: { on: boolean; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" className={on ? "lt-bulb on" : "lt-bulb"}>
      {on && <circle cx="20" cy="16" r="15" className="lt-glow" />}
      <path d="M20 5a10 10 0 0 0-6 18c1.5 1.2 2 2.4 2 4h8c0-1.6.5-2.8 2-4A10 10 0 0 0 20 5z" className="lt-glass" />
      <rect x="16" y="28" width="8" height="3" rx="1" className="lt-base" />
      <rect x="17" y="32" width="6" height="3" rx="1" className="lt-base" />
    </svg>
  );
}
