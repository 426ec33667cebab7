"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ProgressSnapshot } from "@/lib/progress";
import type { WorkerClient } from "@/lib/workers/client";
import { JobCancelledError } from "@/lib/workers/protocol";
import { startDrawWorker, type DrawJob, type DrawJobResult } from "@/workers/draw-sample";

/** One drawing worker per component; a new job cancels the one running. */
export function useDrawWorker() {
  const workerRef = useRef<WorkerClient<DrawJob, DrawJobResult> | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<{ snapshot: ProgressSnapshot; message?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => workerRef.current?.terminate(), []);

  const run = useCallback(async <K extends DrawJob["kind"]>(job: Extract<DrawJob, { kind: K }>): Promise<Extract<DrawJobResult, { kind: K }> | null> => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    workerRef.current ??= startDrawWorker();
    setBusy(true);
    setProgress(null);
    try {
      const out = await workerRef.current.run(job, { signal: controller.signal, onProgress: (p) => setProgress({ snapshot: p.snapshot, message: p.message }) });
      return out as Extract<DrawJobResult, { kind: K }>;
    } catch (err) {
      if (err instanceof JobCancelledError) return null;
      throw err;
    } finally {
      if (abortRef.current === controller) {
        setBusy(false);
        setProgress(null);
      }
    }
  }, []);
  return { run, progress, busy };
}
