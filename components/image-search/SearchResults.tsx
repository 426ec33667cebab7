"use client";

import type { SearchResponse } from "@/lib/image-search/core/api-schema";

export interface QueryView {
  kind: "upload" | "photo";
  /** Object URL of the uploaded file, or the photo's thumbnail. */
  imageUrl: string;
  name: string;
  /** Known class and split of a collection photo. */
  label?: string;
  split?: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** A probability as a percentage that never claims certainty: "> 99%", "< 1%". */
const chance = (x: number) => (x >= 0.995 ? "> 99%" : x < 0.005 ? "< 1%" : pct(x));
const classLabel = (label: string) => (label === "BACKGROUND_Google" ? "background clutter" : label.replace(/_/g, " "));
const SPLIT_NAMES: Record<string, string> = { index: "in the collection", query: "held out", background: "held out (background)" };

/** The query, what the classifier sees in it, the verdict, and the nearest photos. */
export function SearchResults({
  query,
  response,
  threshold,
  backend,
  onPick,
}: {
  query: QueryView;
  response: SearchResponse | null;
  threshold: number;
  backend: string | null;
  onPick: (photo: { id: string; label: string; thumbnailUrl: string }) => void;
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
                {classLabel(query.label ?? "")} · <span>{SPLIT_NAMES[query.split ?? ""] ?? ""}</span>
              </>
            ) : (
              query.name
            )}
          </p>
          {response ? (
            <>
              <Verdict response={response} threshold={threshold} />
              <QueryLabels labels={response.labels} backend={query.kind === "upload" ? backend : null} />
            </>
          ) : null}
        </div>
      </div>

      {response ? (
        <>
          <h3 className="img-grid-title">{response.noMatch ? "Closest photos anyway" : "Most similar photos"}</h3>
          <ol className={`img-grid${response.noMatch ? " faded" : ""}`} data-testid="result-grid">
            {response.results.map((r) => {
              const same = query.kind === "photo" && query.label && sameKind(query.label, r.label);
              return (
                <li key={r.id} className="img-card" data-testid="result-card" data-label={r.label}>
                  <button type="button" onClick={() => onPick(r)} title={`Search with this photo (${r.id})`}>
                    <img src={r.thumbnailUrl} alt={`${classLabel(r.label)} (${r.id})`} width={r.thumbWidth} height={r.thumbHeight} />
                    <span className="img-card-label">
                      {same ? <span className="img-same" aria-label="same class as the query">✓ </span> : null}
                      {classLabel(r.label)}
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
            })}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function sameKind(a: string, b: string) {
  const group = (l: string) => (l === "Faces_easy" ? "Faces" : l);
  return group(a) === group(b);
}

function Verdict({ response, threshold }: { response: SearchResponse; threshold: number }) {
  const { confidence, noMatch } = response;
  const best = response.results[0];
  return (
    <div className={`img-verdict${noMatch ? " no-match" : ""}`} data-testid="verdict" data-no-match={noMatch} data-confidence={confidence.toFixed(4)}>
      {noMatch ? (
        <p className="img-verdict-title" data-testid="no-match">
          No good match in the collection
        </p>
      ) : (
        <p className="img-verdict-title">
          Looks like <strong>{best ? classLabel(best.label) : "?"}</strong>
        </p>
      )}
      <div className="img-confidence" data-testid="confidence">
        <span>Confidence {chance(confidence)}</span>
        <span className="img-meter" aria-hidden="true">
          <span style={{ width: pct(confidence) }} />
          <i style={{ left: pct(threshold) }} title={`no match below ${pct(threshold)}`} />
        </span>
      </div>
      <small>
        {noMatch
          ? `The nearest photos are not close enough, or disagree too much, to trust (below ${pct(threshold)}).`
          : "Probability that the best match shows the same kind of thing."}
      </small>
    </div>
  );
}

function QueryLabels({ labels, backend }: { labels: SearchResponse["labels"]; backend: string | null }) {
  if (labels.length === 0) return null;
  return (
    <div className="img-labels">
      <h3>What the classifier sees{backend ? <small> (ImageNet labels, tfjs on {backend})</small> : <small> (ImageNet labels)</small>}</h3>
      <ol data-testid="query-labels">
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
    </div>
  );
}
