import { formatDuration, type ProgressSnapshot } from "@/lib/progress";

/** A progress bar with the done/total count and the ETA. */
export function ProgressBar({ snapshot, label }: { snapshot: ProgressSnapshot | null; label: string }) {
  const pct = Math.round((snapshot?.fraction ?? 0) * 100);
  return (
    <div className="progress-block" role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="progress">
        <div style={{ width: `${pct}%` }} />
      </div>
      <small>
        {label}: {snapshot ? `${snapshot.done}/${snapshot.total}` : "starting"}
        {snapshot && snapshot.fraction < 1 ? ` · ETA ${formatDuration(snapshot.etaSeconds)}` : ""}
      </small>
    </div>
  );
}
