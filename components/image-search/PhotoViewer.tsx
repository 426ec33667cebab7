"use client";

import { useEffect, useRef, useState } from "react";
import { humanClassName } from "@/lib/image-search/core/classNames";
import type { SearchResult, SimilarResponse } from "@/lib/image-search/core/api-schema";
import { similarPhotos } from "./api";
import { LabelBars } from "./LabelBars";

const SPLIT_NAMES: Record<string, string> = { index: "in the collection", query: "held out", background: "held out (background)" };

/**
 * A result enlarged in a modal <dialog>: the photo, its class, its similarity to the query
 * and the classifier's ImageNet labels for it, previous / next, and "Search with this
 * photo". Escape, the close button or a click beside it close it. Opening it fetches the
 * photo's own search (its labels come with it), so "Search with this photo" answers at once.
 */
export function PhotoViewer({
  results,
  start,
  k,
  allSearchable,
  onClose,
  onSearch,
}: {
  results: SearchResult[];
  start: number;
  /** Results per search, for the prefetched search. */
  k: number;
  /** Every photo is in the collection: its split is not worth showing. */
  allSearchable: boolean;
  onClose: () => void;
  onSearch: (photo: SearchResult, prefetched: SimilarResponse | null) => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [index, setIndex] = useState(start);
  const [details, setDetails] = useState<{ id: string; answer: SimilarResponse | null; error: string | null } | null>(null);
  const photo = results[index];

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    similarPhotos(photo.id, k, controller.signal).then(
      (answer) => setDetails({ id: photo.id, answer, error: null }),
      (err: Error) => {
        if (!controller.signal.aborted) setDetails({ id: photo.id, answer: null, error: err.message });
      },
    );
    return () => controller.abort();
  }, [photo.id, k]);

  const current = details?.id === photo.id ? details : null;
  const info = current?.answer?.query ?? null;
  const name = humanClassName(photo.label);
  const step = (d: number) => setIndex((i) => (i + d + results.length) % results.length);

  return (
    <dialog
      ref={dialogRef}
      className="img-viewer"
      aria-labelledby="img-viewer-title"
      data-testid="photo-viewer"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
      onKeyDown={(e) => {
        if (e.key === "ArrowRight") step(1);
        else if (e.key === "ArrowLeft") step(-1);
      }}
    >
      <div className="img-viewer-body">
        <div className="img-viewer-top">
          <h2 id="img-viewer-title" data-testid="viewer-class">
            {name}
          </h2>
          <button type="button" className="img-viewer-close" onClick={() => dialogRef.current?.close()} aria-label="Close" data-testid="viewer-close">
            ×
          </button>
        </div>
        <img
          className="img-viewer-image"
          src={photo.thumbnailUrl}
          alt={`${name} (${photo.id})`}
          width={photo.thumbWidth}
          height={photo.thumbHeight}
          data-testid="viewer-image"
        />
        <dl className="img-viewer-facts">
          <div>
            <dt>Result</dt>
            <dd>
              {index + 1} of {results.length}
            </dd>
          </div>
          <div>
            <dt>Similarity</dt>
            <dd data-testid="viewer-similarity">{photo.score.toFixed(3)} (cosine)</dd>
          </div>
          <div>
            <dt>Photo</dt>
            <dd>
              {photo.id}
              {info ? ` · ${info.width}×${info.height}${allSearchable ? "" : ` · ${SPLIT_NAMES[info.split] ?? info.split}`}` : ""}
            </dd>
          </div>
        </dl>
        <div className="img-labels">
          <h3>
            What the classifier sees <small>(ImageNet labels)</small>
          </h3>
          {info ? (
            <LabelBars labels={info.imagenet} testId="viewer-labels" />
          ) : (
            <p className="img-status">{current?.error ?? "Loading…"}</p>
          )}
        </div>
        <div className="img-viewer-actions">
          <button type="button" className="img-button" onClick={() => step(-1)} aria-label="Previous result" disabled={results.length < 2}>
            ←
          </button>
          <button
            type="button"
            className="img-button primary"
            onClick={() => {
              onSearch(photo, current?.answer ?? null);
              dialogRef.current?.close();
            }}
            data-testid="viewer-search"
          >
            Search with this photo
          </button>
          <button type="button" className="img-button" onClick={() => step(1)} aria-label="Next result" disabled={results.length < 2}>
            →
          </button>
        </div>
      </div>
    </dialog>
  );
}
