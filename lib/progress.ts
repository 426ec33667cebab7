/**
 * Progress with an ETA, shared by console pipelines (scripts/) and progress bars in pages.
 * The rate is smoothed over recent updates so a slow first batch does not skew the ETA.
 */
export interface ProgressSnapshot {
  done: number;
  total: number;
  fraction: number;
  /** Items per second over the recent window; 0 until there are two updates. */
  rate: number;
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: number | null;
  elapsedSeconds: number;
}

export function createProgressTracker(total: number, now: () => number = () => Date.now(), windowSize = 20) {
  const started = now();
  const history: { t: number; done: number }[] = [{ t: started, done: 0 }];
  return {
    update(done: number): ProgressSnapshot {
      const t = now();
      history.push({ t, done });
      if (history.length > windowSize) history.shift();
      const first = history[0];
      const dt = (t - first.t) / 1000;
      const rate = dt > 0 ? (done - first.done) / dt : 0;
      const left = Math.max(0, total - done);
      return {
        done,
        total,
        fraction: total > 0 ? Math.min(1, done / total) : 1,
        rate,
        etaSeconds: left === 0 ? 0 : rate > 0 ? left / rate : null,
        elapsedSeconds: (t - started) / 1000,
      };
    },
  };
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** "[#####.....]  50% 500/1000  12.3/s  ETA 41s" */
export function formatProgressLine(label: string, p: ProgressSnapshot, width = 24): string {
  const filled = Math.round(p.fraction * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  const pct = `${Math.floor(p.fraction * 100)}`.padStart(3);
  return `${label} [${bar}] ${pct}% ${p.done}/${p.total}  ${p.rate.toFixed(1)}/s  ETA ${formatDuration(p.etaSeconds)}`;
}

/** A console progress bar for offline pipelines: redraws in place on a TTY, prints every ~5% otherwise. */
export function consoleProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const tracker = createProgressTracker(total);
  let lastPrinted = -1;
  return {
    update(done: number) {
      const snap = tracker.update(done);
      const step = Math.floor(snap.fraction * 20);
      if (stream.isTTY) stream.write(`\r${formatProgressLine(label, snap)}`);
      else if (step !== lastPrinted || done === total) stream.write(`${formatProgressLine(label, snap)}\n`);
      lastPrinted = step;
      if (done >= total && stream.isTTY) stream.write("\n");
      return snap;
    },
  };
}
