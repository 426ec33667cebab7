"use client";

import { useEffect, useRef, useState } from "react";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { BRUTE_INPUT_SIZE, BRUTE_THRESHOLD, BRUTE_TOTAL, type BruteIcon } from "@/lib/draw/core/brute";
import type { ProgressSnapshot } from "@/lib/progress";
import type { WorkerClient } from "@/lib/workers/client";
import { JobCancelledError } from "@/lib/workers/protocol";
import { startDrawBruteWorker, type DrawBruteJob, type DrawBruteJobResult, type DrawBruteProgressData } from "@/workers/draw-brute";
import { IconTile } from "./IconTile";
import styles from "./brute.module.css";

const SLICES = [256, 1024, 4096];

type Phase = "idle" | "running" | "done" | "stopped" | "error";

/** Classifies a slice of the 65,536 images in a web worker, showing finds as they come. */
export function LiveBrute() {
  const worker = useRef<WorkerClient<DrawBruteJob, DrawBruteJobResult> | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [start, setStart] = useState(0);
  const [count, setCount] = useState(SLICES[0]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [status, setStatus] = useState("");
  const [snapshot, setSnapshot] = useState<ProgressSnapshot | null>(null);
  const [found, setFound] = useState<BruteIcon[]>([]);
  const [result, setResult] = useState<DrawBruteJobResult | null>(null);

  useEffect(
    () => () => {
      abort.current?.abort();
      worker.current?.terminate();
    },
    [],
  );

  async function run() {
    worker.current ??= startDrawBruteWorker();
    abort.current = new AbortController();
    setPhase("running");
    setFound([]);
    setResult(null);
    setSnapshot(null);
    setStatus("Starting the worker");
    try {
      const out = await worker.current.run(
        { start, count, size: BRUTE_INPUT_SIZE, threshold: BRUTE_THRESHOLD, batch: 16 },
        {
          signal: abort.current.signal,
          onProgress: (p) => {
            const data = p.data as DrawBruteProgressData | undefined;
            if (data?.kind === "model") setStatus(`Loading the model: ${Math.round(data.fraction * 100)}%`);
            if (data?.kind === "batch") {
              setSnapshot(p.snapshot);
              setStatus(p.message ?? "");
              if (data.found.length) setFound((prev) => [...prev, ...data.found]);
            }
          },
        },
      );
      setResult(out);
      setPhase("done");
    } catch (err) {
      if (err instanceof JobCancelledError) setPhase("stopped");
      else {
        setPhase("error");
        setStatus(err instanceof Error ? err.message : String(err));
      }
    }
  }

  const end = Math.min(BRUTE_TOTAL, start + count) - 1;
  return (
    <div className={styles.live}>
      <form
        className={styles.liveForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (phase !== "running") void run();
        }}
      >
        <label>
          First image
          <input
            type="number"
            min={0}
            max={BRUTE_TOTAL - 1}
            step={1}
            value={start}
            disabled={phase === "running"}
            onChange={(e) => setStart(Math.max(0, Math.min(BRUTE_TOTAL - 1, Math.floor(Number(e.target.value) || 0))))}
          />
        </label>
        <label>
          How many
          <select value={count} disabled={phase === "running"} onChange={(e) => setCount(Number(e.target.value))}>
            {SLICES.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString("en")}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={phase === "running"} onClick={() => setStart(Math.floor(Math.random() * (BRUTE_TOTAL / 256)) * 256)}>
          Random slice
        </button>
        {/* Distinct keys: reusing one <button> would turn the clicked Stop into a submit
            button before its click finishes, and the form would start a new run. */}
        {phase === "running" ? (
          <button key="stop" type="button" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        ) : (
          <button key="run" type="submit" className={styles.primary}>
            Run images {start}–{end}
          </button>
        )}
      </form>
      {phase !== "idle" ? <ProgressBar snapshot={snapshot} label="Images classified" /> : null}
      <p className={styles.muted} aria-live="polite">
        {phase === "running" ? status : null}
        {phase === "done" && result
          ? `Done: ${result.classified} images on ${result.backend} at ${result.imagesPerSecond.toFixed(1)} images/s; ${result.found} above ${BRUTE_THRESHOLD}.`
          : null}
        {phase === "stopped" ? `Stopped; ${found.length} found so far.` : null}
        {phase === "error" ? `Failed: ${status}` : null}
      </p>
      {found.length ? (
        <div className={styles.tiles} aria-label="Found in this run">
          {found.map((icon) => (
            <IconTile key={icon.bits} {...icon} showLabel />
          ))}
        </div>
      ) : phase === "running" && snapshot ? (
        <p className={styles.muted}>Nothing above {BRUTE_THRESHOLD} yet.</p>
      ) : null}
    </div>
  );
}
