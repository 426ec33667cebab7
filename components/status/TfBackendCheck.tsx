"use client";

import { useEffect, useState } from "react";
import { ProgressBar } from "@/components/ui/ProgressBar";
import type { ProgressSnapshot } from "@/lib/progress";
import { startTfProbeWorker, type TfProbeResult } from "@/workers/tf-probe";

/** Runs the tfjs probe in a web worker and shows the backend and its speed. */
export function TfBackendCheck() {
  const [progress, setProgress] = useState<ProgressSnapshot | null>(null);
  const [result, setResult] = useState<TfProbeResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client = startTfProbeWorker();
    const controller = new AbortController();
    client
      .run({ size: 256, repeats: 10 }, { signal: controller.signal, onProgress: (p) => setProgress(p.snapshot) })
      .then(setResult)
      .catch((err: Error) => {
        if (err.name !== "AbortError") setError(err.message);
      });
    return () => {
      controller.abort();
      client.terminate();
    };
  }, []);

  if (error) return <p className="error-box">TensorFlow.js could not run here: {error}</p>;
  if (!result) return <ProgressBar snapshot={progress} label="Timing 256×256 matrix products" />;
  return (
    <dl className="facts" data-testid="tf-result">
      <dt>Backend</dt>
      <dd data-testid="tf-backend">{result.backend}</dd>
      <dt>256×256 product</dt>
      <dd>
        {result.medianMs.toFixed(2)} ms ({result.gflops.toFixed(2)} GFLOP/s)
      </dd>
    </dl>
  );
}
