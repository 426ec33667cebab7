"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ClassSummary, Photo } from "@/lib/image-search/core/api-schema";
import { humanClassName as classLabel } from "@/lib/image-search/core/classNames";
import { listPhotos } from "./api";

const PAGE = 48;
type SplitFilter = "" | "index" | "query" | "background";

/**
 * A grid of the collection's photos by class and split, paged; clicking one searches with it.
 * Opens on the searchable photos: the "index" split, or all of them once every photo is in
 * the collection; the other splits are a choice away.
 */
export function BrowsePhotos({
  classes,
  onPick,
  allSearchable,
}: {
  classes: ClassSummary[];
  onPick: (photo: Photo) => void;
  /** Every photo is searchable: open on all of them. */
  allSearchable: boolean;
}) {
  const [label, setLabel] = useState("");
  const [split, setSplit] = useState<SplitFilter>(allSearchable ? "" : "index");
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  const load = useCallback(
    async (after: string | null, replace: boolean) => {
      const id = ++request.current;
      setLoading(true);
      setError(null);
      try {
        const body = await listPhotos({ limit: PAGE, label, split: split || null, cursor: after });
        if (id !== request.current) return;
        setPhotos((old) => (replace ? body.photos : [...old, ...body.photos]));
        setCursor(body.nextCursor);
        setTotal(body.total);
      } catch (err) {
        if (id === request.current) setError((err as Error).message);
      } finally {
        if (id === request.current) setLoading(false);
      }
    },
    [label, split],
  );

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetching a page on filter change is this effect's job; its loading flag must show at once
    void load(null, true);
  }, [load]);

  const options = classes.filter((c) => (split === "" ? true : c[split] > 0));
  return (
    <div className="img-browse">
      <div className="img-filters">
        <label>
          Class{" "}
          <select value={label} onChange={(e) => setLabel(e.target.value)} data-testid="browse-class">
            <option value="">All classes</option>
            {options.map((c) => (
              <option key={c.label} value={c.label}>
                {classLabel(c.label)} ({split === "" ? c.index + c.query + c.background : c[split]})
              </option>
            ))}
          </select>
        </label>
        <label>
          Photos{" "}
          <select value={split} onChange={(e) => setSplit(e.target.value as SplitFilter)} data-testid="browse-split">
            {allSearchable ? <option value="">all (every photo is searchable)</option> : null}
            <option value="index">{allSearchable ? "index split" : "in the collection (searchable)"}</option>
            <option value="query">{allSearchable ? "held out for testing" : "held out (not searchable)"}</option>
            <option value="background">background clutter</option>
            {allSearchable ? null : <option value="">all</option>}
          </select>
        </label>
        <span className="img-count" aria-live="polite">
          {total === null ? "" : `${total.toLocaleString("en")} photos`}
        </span>
      </div>
      <p className="img-hint">Click a photo to search the collection with it.</p>
      {error ? <p className="error-box">{error}</p> : null}
      <ul className="img-browse-grid" data-testid="browse-grid">
        {photos.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => onPick(p)} title={`${classLabel(p.label)} (${p.id}): search with this photo`} data-testid="browse-photo" data-id={p.id} data-split={p.split}>
              {/* plain img: fixed-size static thumbnails */}
              <img src={p.thumbnailUrl} alt={`${classLabel(p.label)} (${p.id})`} width={p.thumbWidth} height={p.thumbHeight} loading="lazy" />
              <span>{classLabel(p.label)}</span>
            </button>
          </li>
        ))}
      </ul>
      {cursor ? (
        <button type="button" className="img-button img-more" onClick={() => void load(cursor, false)} disabled={loading}>
          {loading ? "Loading…" : "Show more"}
        </button>
      ) : null}
      {loading && photos.length === 0 ? <p className="img-status">Loading photos…</p> : null}
    </div>
  );
}
