"use client";

import { humanClassName } from "@/lib/image-search/core/classNames";
import { sameClass } from "@/lib/image-search/core/calibration";
import type { SearchResponse, SearchResult } from "@/lib/image-search/core/api-schema";
import { pct } from "./format";
import { LabelBars } from "./LabelBars";
import { verdictOf } from "./verdict";

export interface QueryView {
  kind: "upload" | "photo" | "sample";
  /** Object URL of the uploaded file or sample, or the photo's thumbnail. */
  imageUrl: string;
  name: string;
  /** Known class and split of a collection photo; for a sample, where it comes from. */
  label?: string;
  split?: string;
}

const SPLIT_NAMES: Record<string, string> = { index: "in the collection", query: "held out", background: "held out (background)" };

/** The query, one verdict (search + classifier), the classifier's labels, and the nearest photos; a result opens the viewer. */
export function SearchResults({
  query,
  response,
  threshold,
  classLabels,
  backend,
  embeddedOnServer = false,
  allSearchable,
  onOpen,
}: {
  query: QueryView;
  response: SearchResponse | null;
  threshold: number;
  /** The collection's classes (folder names), to relate the classifier's labels to them. */
  classLabels: readonly string[];
  backend: string | null;
  /** The query's vector and labels were computed by the server (the browser's engine was still loading). */
  embeddedOnServer?: boolean;
  /** Every photo is in the collection: a photo's split is only an evaluation label, not shown. */
  allSearchable: boolean;
  onOpen: (index: number, opener: HTMLElement) => void;
}) {
  return (
    <section className="img-results" aria-labelledby="img-results-title" data-testid="search-results" aria-busy={!response}>
      <div className="img-query">
        <img className="img-query-image" src={query.imageUrl} alt={`Your query: ${query.name}`} data-testid="query-image" />
        <div className="img-query-facts">
          <h2 id="img-results-title">Your query</h2>
          <p className="img-query-name">
            {query.kind === "photo" ? (
              <>
                {humanClassName(query.label ?? "")} · <span>{allSearchable ? "in the collection" : (SPLIT_NAMES[query.split ?? ""] ?? "")}</span>
              </>
            ) : query.kind === "sample" ? (
              <>
                Sample: {query.name} · <span>{query.split}</span>
              </>
            ) : (
              query.name
            )}
          </p>
          {response ? (
            <>
              <Verdict response={response} threshold={threshold} classLabels={classLabels} />
              <QueryLabels labels={response.labels} backend={query.kind === "photo" ? null : backend} onServer={query.kind !== "photo" && embeddedOnServer} />
            </>
          ) : null}
        </div>
      </div>

      {response ? (
        <>
          <h3 className="img-grid-title">{response.noMatch ? "Closest photos anyway" : "Most similar photos"}</h3>
          <p className="img-hint">Click a photo to enlarge it.</p>
          <ol className={`img-grid${response.noMatch ? " faded" : ""}`} data-testid="result-grid">
            {response.results.map((r, i) => (
              <ResultCard key={r.id} result={r} same={query.kind === "photo" && !!query.label && sameClass(query.label, r.label)} onOpen={(el) => onOpen(i, el)} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function ResultCard({ result: r, same, onOpen }: { result: SearchResult; same: boolean; onOpen: (el: HTMLElement) => void }) {
  const name = humanClassName(r.label);
  return (
    <li className="img-card" data-testid="result-card" data-label={r.label} data-id={r.id}>
      <button type="button" onClick={(e) => onOpen(e.currentTarget)} aria-haspopup="dialog" title={`Enlarge: ${name} (${r.id})`}>
        <img src={r.thumbnailUrl} alt={`${name} (${r.id})`} width={r.thumbWidth} height={r.thumbHeight} />
        <span className="img-card-label" data-testid="result-class">
          {same ? <span className="img-same" aria-label="same class as the query">✓ </span> : null}
          {name}
        </span>
        <span className="img-score" aria-label={`cosine similarity ${r.score.toFixed(3)}`}>
          <span className="img-score-bar">
            <span style={{ width: pct(Math.max(0, r.score)) }} />
          </span>
          <span className="img-score-value">{r.score.toFixed(2)}</span>
        </span>
      </button>
    </li>
  );
}

function Verdict({ response, threshold, classLabels }: { response: SearchResponse; threshold: number; classLabels: readonly string[] }) {
  const v = verdictOf(response, threshold, classLabels);
  const { confidence, noMatch } = response;
  return (
    <div
      className={`img-verdict ${v.tone}`}
      data-testid="verdict"
      data-tone={v.tone}
      data-no-match={noMatch}
      data-confidence={confidence.toFixed(4)}
      aria-live="polite"
    >
      <p className="img-verdict-title" data-testid={noMatch ? "no-match" : "match"}>
        {v.headline.before}
        <strong>{v.headline.subject}</strong>
        {v.headline.after}
      </p>
      <div className="img-confidence" data-testid="confidence">
        <span>
          Confidence {v.confidence} <small>(a match needs {v.needed})</small>
        </span>
        <span className="img-meter" aria-hidden="true">
          <span style={{ width: pct(confidence) }} />
          <i style={{ left: pct(threshold) }} title={`no good match below ${pct(threshold)}`} />
        </span>
      </div>
      <small>{v.detail}</small>
    </div>
  );
}

function QueryLabels({ labels, backend, onServer }: { labels: SearchResponse["labels"]; backend: string | null; onServer: boolean }) {
  if (labels.length === 0) return null;
  const where = onServer
    ? " (ImageNet labels, searched on the server while your browser loads the model)"
    : backend
      ? ` (ImageNet labels, computed in your browser on ${backend})`
      : " (ImageNet labels)";
  return (
    <div className="img-labels" data-embedded-on={onServer ? "server" : backend ? "browser" : undefined}>
      <h3>
        What the classifier sees<small>{where}</small>
      </h3>
      <LabelBars labels={labels} testId="query-labels" />
    </div>
  );
}
