"use client";

import { useMemo } from "react";
import { heatmapRow, type HeatmapData } from "@/lib/numbers/core/heatmap";
import { displayName } from "@/lib/numbers/core/joke";
import { LanguageLabel } from "./LanguageLabel";

/**
 * One row of the heat map as a labelled list: every other language with a bar for its
 * score to the chosen one, best first. The readable view of the matrix on a phone.
 */
export function LanguageRow(props: {
  data: HeatmapData;
  language: string;
  colour: (score: number) => string;
  extent: [number, number];
  onSelect: (name: string) => void;
}) {
  const { data, language, colour, extent, onSelect } = props;
  const index = data.names.indexOf(language);
  const row = useMemo(() => (index >= 0 ? heatmapRow(data, index) : []), [data, index]);
  const [low, high] = extent;
  const share = (score: number) => Math.max(0.02, (score - low) / (high - low || 1));
  return (
    <div className="nums-row-view" data-testid="heatmap-row">
      <label className="nums-row-pick">
        <span>Compare</span>
        <select value={language} onChange={(event) => onSelect(event.target.value)} data-testid="heatmap-row-select">
          {[...data.names]
            .sort((x, y) => displayName(x).localeCompare(displayName(y)))
            .map((name) => (
              <option key={name} value={name}>
                {displayName(name)}
              </option>
            ))}
        </select>
        <span>with every other language, most alike first</span>
      </label>
      <ol className="nums-row-list">
        {row.map(({ name, score }) => (
          <li key={name} data-language={name}>
            <button type="button" className="nums-link" onClick={() => onSelect(name)} title="Compare this language instead">
              <LanguageLabel name={name} />
            </button>
            <span className="nums-row-bar" aria-hidden="true">
              <span style={{ width: `${share(score) * 100}%`, background: colour(score) }} />
            </span>
            <span className="nums-num">{score.toFixed(2)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
