import type { QueryLabel } from "@/lib/image-search/core/api-schema";
import { pct } from "./format";

/** ImageNet labels with a probability bar each, most probable first. */
export function LabelBars({ labels, testId }: { labels: readonly QueryLabel[]; testId: string }) {
  return (
    <ol data-testid={testId}>
      {labels.map((l) => (
        <li key={l.label}>
          <span className="img-label-name">{l.label}</span>
          <span className="img-label-bar" aria-hidden="true">
            <span style={{ width: pct(l.probability) }} />
          </span>
          <span className="img-label-value">{pct(l.probability)}</span>
        </li>
      ))}
    </ol>
  );
}
