"use client";

import { useEffect, useMemo, useState } from "react";
import { ApiResponseError } from "@/lib/api/client";
import { shortLabel, type BruteResponse } from "@/lib/draw/core/brute";
import { fetchBruteIcons } from "./api";
import { IconTile } from "./IconTile";
import styles from "./brute.module.css";

const FIRST_PAGE = 500;
const LABEL_PAGE = 120;
const PER_GROUP = 12;
const CHIPS = 30;

type LabelView = { label: string; icons: BruteResponse["icons"]; total: number; nextCursor: string | null };

function message(err: unknown): string {
  return err instanceof ApiResponseError || err instanceof Error ? err.message : String(err);
}

/** The stored 4x4 icons grouped by label, with a label search and one label's full list. */
export function BruteGallery() {
  const [first, setFirst] = useState<BruteResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [view, setView] = useState<LabelView | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchBruteIcons({ limit: FIRST_PAGE }, controller.signal).then(setFirst, (err: unknown) => {
      if (!controller.signal.aborted) setError(message(err));
    });
    return () => controller.abort();
  }, []);

  const matching = useMemo(() => {
    if (!first) return [];
    const q = query.trim().toLowerCase();
    return q ? first.labels.filter((l) => l.label.toLowerCase().includes(q)) : first.labels;
  }, [first, query]);

  const groups = useMemo(() => {
    if (!first) return [];
    const byLabel = new Map<string, BruteResponse["icons"]>();
    for (const icon of first.icons) byLabel.set(icon.label, [...(byLabel.get(icon.label) ?? []), icon]);
    const shown = new Set(matching.map((l) => l.label));
    return first.labels.filter((l) => shown.has(l.label) && byLabel.has(l.label)).map((l) => ({ ...l, icons: byLabel.get(l.label)! }));
  }, [first, matching]);

  async function openLabel(label: string, cursor: string | null = null) {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchBruteIcons({ label, limit: LABEL_PAGE, cursor });
      setView((prev) => ({
        label,
        total: page.total,
        nextCursor: page.nextCursor,
        icons: cursor && prev?.label === label ? [...prev.icons, ...page.icons] : page.icons,
      }));
    } catch (err) {
      setError(message(err));
    } finally {
      setLoading(false);
    }
  }

  if (error && !first) return <p className="error-box">Could not load the icons: {error}</p>;
  if (!first) return <p className={styles.muted}>Loading the icons…</p>;

  const totalIcons = first.labels.reduce((n, l) => n + l.count, 0);
  return (
    <div className={styles.gallery}>
      <p className={styles.muted}>
        {totalIcons.toLocaleString("en")} pictures have a top label above {first.threshold} (classified at {first.inputSize}×{first.inputSize} px), in{" "}
        {first.labels.length} labels. Each group shows its most confident; open a label for all of them.
      </p>
      <form
        className={styles.search}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (matching[0]) void openLabel(matching[0].label);
        }}
      >
        <label htmlFor="brute-label">Find a label</label>
        <input id="brute-label" type="search" value={query} placeholder="e.g. clock, envelope" onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </form>
      <ul className={styles.chips} aria-label="Labels">
        {matching.slice(0, CHIPS).map((l) => (
          <li key={l.label}>
            <button type="button" className={view?.label === l.label ? styles.chipOn : styles.chip} onClick={() => void openLabel(l.label)} title={l.label}>
              {shortLabel(l.label)} <small>{l.count}</small>
            </button>
          </li>
        ))}
        {matching.length > CHIPS ? <li className={styles.muted}>+{matching.length - CHIPS} more: type to narrow</li> : null}
        {matching.length === 0 ? <li className={styles.muted}>No label contains &ldquo;{query}&rdquo;.</li> : null}
      </ul>
      {error ? <p className="error-box">{error}</p> : null}

      {view ? (
        <section className={styles.group} aria-label={`Icons labelled ${view.label}`}>
          <h4>
            {view.label} <small>{view.total} icons</small>{" "}
            <button type="button" className={styles.link} onClick={() => setView(null)}>
              back to all labels
            </button>
          </h4>
          <div className={styles.tiles}>
            {view.icons.map((icon) => (
              <IconTile key={icon.bits} {...icon} />
            ))}
          </div>
          {view.nextCursor ? (
            <button type="button" disabled={loading} onClick={() => void openLabel(view.label, view.nextCursor)}>
              {loading ? "Loading…" : `Show more (${view.total - view.icons.length} left)`}
            </button>
          ) : null}
        </section>
      ) : (
        groups.map((g) => (
          <section key={g.label} className={styles.group} aria-label={`Icons labelled ${g.label}`}>
            <h4 title={g.label}>
              {shortLabel(g.label)} <small>{g.count} icons</small>
            </h4>
            <div className={styles.tiles}>
              {g.icons.slice(0, PER_GROUP).map((icon) => (
                <IconTile key={icon.bits} {...icon} />
              ))}
              {g.count > Math.min(PER_GROUP, g.icons.length) ? (
                <button type="button" className={styles.more} onClick={() => void openLabel(g.label)}>
                  all {g.count}
                </button>
              ) : null}
            </div>
          </section>
        ))
      )}
    </div>
  );
}
