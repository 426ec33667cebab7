"use client";

import { useEffect, useState } from "react";
import { FRAMED_GRID, framedPixels, shortLabel, type FramedFile } from "@/lib/draw/core/brute";
import { fetchFramedFinds } from "./api";
import { PixelIcon } from "./PixelIcon";
import styles from "./brute.module.css";

const SHOWN_ABOVE = 0.1;

/** The 7x7 search's best image per label. */
export function FramedFinds() {
  const [framed, setFramed] = useState<FramedFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchFramedFinds(controller.signal).then(setFramed, (err: unknown) => {
      if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
    });
    return () => controller.abort();
  }, []);
  if (error) return <p className="error-box">Could not load the 7×7 finds: {error}</p>;
  if (!framed) return <p className={styles.muted}>Loading the 7×7 finds…</p>;
  const finds = framed.finds.filter((f) => f.probability > SHOWN_ABOVE);
  return (
    <div>
      <p className={styles.muted}>
        {framed.restarts} random starts, {framed.evaluations.toLocaleString("en")} pictures classified (of 2<sup>25</sup> = 33,554,432), a{" "}
        {framed.border} border; {finds.length} labels with a best probability over {SHOWN_ABOVE * 100}%.
      </p>
      <div className={styles.tiles} aria-label="7x7 finds">
        {finds.map((f) => (
          <figure key={f.label} className={styles.tile}>
            <PixelIcon pixels={framedPixels(f.bits)} grid={FRAMED_GRID} px={84} title={`${f.label} ${(f.probability * 100).toFixed(0)}%`} />
            <figcaption>
              <span className={styles.tileLabel} title={f.label}>
                {shortLabel(f.label)}
              </span>
              <span>{(f.probability * 100).toFixed(0)}%</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
