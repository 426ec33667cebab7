"use client";

import { SAMPLES, type Sample } from "./samples";

/** A row of sample photos; a click searches with one exactly as with an upload. */
export function SampleRow({ onPick, busy, note }: { onPick: (sample: Sample) => void; busy: boolean; note: string }) {
  return (
    <div className="img-samples">
      <p className="img-samples-title" id="img-samples-title">
        No photo at hand? Try one of these <small>({note}; the last is background clutter)</small>
      </p>
      <ul className="img-sample-list" aria-labelledby="img-samples-title" data-testid="samples">
        {SAMPLES.map((s) => (
          <li key={s.url}>
            <button type="button" onClick={() => onPick(s)} disabled={busy} data-testid="sample" data-source={s.sourceId} title={`Search with this ${s.name} photo`}>
              <img src={s.url} alt="" width={96} height={96} />
              <span>{s.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
