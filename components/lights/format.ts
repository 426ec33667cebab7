// Small display helpers of the lights page (times in UTC so server and browser agree).

/** "07:42:05" */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** "Mon 07:42" */
export function dayTime(ms: number): string {
  const d = new Date(ms);
  return `${["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()]} ${d.toISOString().slice(11, 16)}`;
}

/** "2026-12-01 07:42" */
export function dateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** "12 min", "1 h 05 min", "40 s" */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

export const PRESENCE_TEXT = { home: "Someone is home", away: "Nobody home", unknown: "No phone seen yet" } as const;
