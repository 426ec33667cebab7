"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ProgressBar } from "@/components/ui/ProgressBar";
import type { GalleryEntry } from "@/lib/deep-ink/core/gallery";
import { encodeRunGif } from "@/lib/deep-ink/core/gif";
import { applyFlips, createRun, startImage, type RunState } from "@/lib/deep-ink/core/ink";
import { describeTarget, type DeepInkOptions } from "@/lib/deep-ink/core/options";
import type { ProgressSnapshot } from "@/lib/progress";
import type { WorkerClient } from "@/lib/workers/client";
import { JobCancelledError } from "@/lib/workers/protocol";
import { startDeepInkWorker, type DeepInkJob, type DeepInkJobResult, type DeepInkProgressData } from "@/workers/deep-ink";
import { ActivationCurve } from "./ActivationCurve";
import { ChannelStrip } from "./ChannelStrip";
import { Controls } from "./Controls";
import { Gallery, type FinishedDrawing } from "./Gallery";
import { InkCanvas, paintBits, type InkCanvasHandle } from "./InkCanvas";
import { DEFAULT_FORM, formToOptions, optionsToForm, type InkForm } from "./form";

type Phase = "idle" | "loading" | "running" | "paused" | "done" | "error";

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The frame as a PNG, each drawing pixel `scale` x `scale`. */
function pngOf(bits: Uint8Array, size: number, scale: number): Promise<Blob> {
  const small = document.createElement("canvas");
  small.width = small.height = size;
  paintBits(small.getContext("2d")!, bits, size);
  const big = document.createElement("canvas");
  big.width = big.height = size * scale;
  const ctx = big.getContext("2d")!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, size * scale, size * scale);
  return new Promise((resolve, reject) => big.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
}

function fileStem(o: DeepInkOptions): string {
  return `deep-ink-${describeTarget(o).replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase()}-${o.size}px`;
}

export function DeepInk({ labels, gallery }: { labels: string[]; gallery: GalleryEntry[] }) {
  const [form, setForm] = useState<InkForm>(DEFAULT_FORM);
  const checked = useMemo(() => formToOptions(form, labels), [form, labels]);
  const [phase, setPhase] = useState<Phase>("idle");
  const [message, setMessage] = useState<string>("");
  const [snapshot, setSnapshot] = useState<ProgressSnapshot | null>(null);
  const [curve, setCurve] = useState<number[]>([]);
  const [backend, setBackend] = useState<string | null>(null);
  const [msPerStep, setMsPerStep] = useState<number | null>(null);
  const [finished, setFinished] = useState<FinishedDrawing[]>([]);
  /** Options of the drawing on the canvas (not the form's, which may have changed since). */
  const [drawn, setDrawn] = useState<DeepInkOptions | null>(null);
  /** The run on the canvas, for rendering (its frames grow in place; runRef is the same object). */
  const [current, setCurrent] = useState<RunState | null>(null);
  const workerRef = useRef<WorkerClient<DeepInkJob, DeepInkJobResult> | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const runRef = useRef<RunState | null>(null);
  const canvasRef = useRef<InkCanvasHandle>(null);
  const stopRequested = useRef(false);
  const [interactive, setInteractive] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- Draw is enabled only once hydrated (the e2e test waits for it)
    setInteractive(true);
  }, []);
  useEffect(() => () => workerRef.current?.terminate(), []);

  const worker = () => (workerRef.current ??= startDeepInkWorker());

  const finish = useCallback((run: RunState) => {
    setPhase("done");
    const canvas = canvasRef.current?.canvas();
    setFinished((list) => [
      {
        id: `${Date.now()}`,
        title: describeTarget(run.options),
        options: run.options,
        steps: run.steps.length,
        activationStart: run.steps.find((s) => Number.isFinite(s.activation))?.activation ?? NaN,
        activationEnd: run.steps[run.steps.length - 1]?.activation ?? NaN,
        png: canvas ? canvas.toDataURL("image/png") : "",
        run: { start: run.start, flips: run.flips.slice(), options: run.options },
      },
      ...list,
    ].slice(0, 12));
  }, []);

  /** Runs (or continues) the drawing in the worker until its last step, a pause or a stop. */
  const drive = useCallback(
    async (run: RunState) => {
      const controller = new AbortController();
      abortRef.current = controller;
      stopRequested.current = false;
      setPhase(run.steps.length === 0 ? "loading" : "running");
      try {
        const result = await worker().run(
          { kind: "draw", options: run.options, bits: run.bits.slice(), done: run.steps.length },
          {
            signal: controller.signal,
            onProgress: (p) => {
              const data = p.data as DeepInkProgressData | undefined;
              setMessage(p.message ?? "");
              if (data?.kind === "model") {
                setSnapshot({ done: Math.round(data.fraction * 100), total: 100, fraction: data.fraction, rate: 0, etaSeconds: null, elapsedSeconds: 0 });
                return;
              }
              if (data?.kind !== "step" || runRef.current !== run) return;
              setPhase("running");
              applyFlips(run.bits, data.flips);
              run.steps.push({ activation: data.activation, flipped: data.flips.length });
              run.flips.push(data.flips);
              canvasRef.current?.draw(run.bits, run.options.size);
              setCurve(run.steps.map((s) => s.activation));
              setSnapshot(p.snapshot);
            },
          },
        );
        setBackend(result.backend);
        setMsPerStep(result.msPerStep);
        if (runRef.current === run) finish(run);
      } catch (err) {
        if (err instanceof JobCancelledError || (err as Error)?.name === "AbortError") {
          if (runRef.current === run) {
            if (stopRequested.current) finish(run);
            else setPhase("paused");
          }
          return;
        }
        setPhase("error");
        setMessage(err instanceof Error ? err.message : String(err));
      }
    },
    [finish],
  );

  const start = () => {
    if (!("options" in checked)) return;
    abortRef.current?.abort();
    const run = createRun(checked.options);
    runRef.current = run;
    setCurrent(run);
    setDrawn(checked.options);
    setCurve([]);
    setSnapshot(null);
    setMsPerStep(null);
    canvasRef.current?.draw(run.bits, run.options.size);
    void drive(run);
  };
  const pause = () => abortRef.current?.abort();
  const resume = () => {
    if (runRef.current) void drive(runRef.current);
  };
  const stop = () => {
    if (phase === "paused" && runRef.current) {
      finish(runRef.current);
      return;
    }
    stopRequested.current = true;
    abortRef.current?.abort();
  };

  const downloadGif = (run: Pick<RunState, "start" | "flips" | "options">) =>
    download(new Blob([encodeRunGif(run, { scale: run.options.size <= 112 ? 3 : 2 }) as Uint8Array<ArrayBuffer>], { type: "image/gif" }), `${fileStem(run.options)}.gif`);
  const downloadPng = async (run: Pick<RunState, "start" | "flips" | "options">) => {
    const bits = run.start.slice();
    for (const f of run.flips) applyFlips(bits, f);
    download(await pngOf(bits, run.options.size, run.options.size <= 112 ? 4 : 2), `${fileStem(run.options)}.png`);
  };

  const running = phase === "loading" || phase === "running";
  const previewSize = "options" in checked ? checked.options.size : 112;
  const preview = useMemo(
    () => ("options" in checked ? startImage(checked.options.size, checked.options.blob, checked.options.seed) : null),
    [checked],
  );
  const run = current;
  const target = drawn ? describeTarget(drawn) : null;

  return (
    <div className="ink-app">
      <section className="ink-main" aria-label="Drawing">
        <Controls form={form} setForm={setForm} labels={labels} error={"error" in checked ? checked.error : null} disabled={running} />
        <div className="ink-buttons">
          <button type="button" className="ink-button primary" onClick={start} disabled={!interactive || running || "error" in checked} data-testid="draw">
            {run ? "Draw again" : "Draw"}
          </button>
          {phase === "running" ? (
            <button type="button" className="ink-button" onClick={pause} data-testid="pause">
              Pause
            </button>
          ) : null}
          {phase === "paused" ? (
            <button type="button" className="ink-button" onClick={resume} data-testid="resume">
              Resume
            </button>
          ) : null}
          {running || phase === "paused" ? (
            <button type="button" className="ink-button" onClick={stop} data-testid="stop">
              Stop
            </button>
          ) : null}
        </div>
        {phase === "loading" || phase === "running" || phase === "paused" ? (
          <ProgressBar snapshot={snapshot} label={phase === "paused" ? "Paused" : message || "Starting"} />
        ) : null}
        {phase === "error" ? (
          <p className="error-box" role="alert">
            {message}
          </p>
        ) : null}
      </section>

      <section className="ink-stage" aria-label="The drawing">
        <div className="ink-frame">
          <InkCanvas ref={canvasRef} bits={run ? null : preview} size={drawn?.size ?? previewSize} label={target ? `Drawing for ${target}` : "The ink blob a drawing starts from"} />
          {!run ? <p className="ink-placeholder">The blob a drawing starts from. Press Draw and watch it grow.</p> : null}
        </div>
        <div className="ink-side">
          {target ? (
            <p className="ink-status" data-testid="ink-status" data-phase={phase} data-steps={curve.length}>
              <strong>{target}</strong> · step {curve.length} of {drawn?.steps}
              {phase === "done" ? " · finished" : phase === "paused" ? " · paused" : ""}
              {backend ? ` · ${backend}` : ""}
              {msPerStep ? ` · ${Math.round(msPerStep)} ms/step` : ""}
            </p>
          ) : null}
          <ActivationCurve values={curve} steps={drawn?.steps ?? 100} label={target ? `mean activation of ${target}` : "activation"} />
          {run && (phase === "done" || phase === "paused") ? (
            <div className="ink-buttons">
              <button type="button" className="ink-button" onClick={() => downloadGif(run)} data-testid="download-gif">
                Download GIF
              </button>
              <button type="button" className="ink-button" onClick={() => void downloadPng(run)} data-testid="download-png">
                Download PNG
              </button>
            </div>
          ) : null}
        </div>
      </section>

      <ChannelStrip
        key={"options" in checked ? checked.options.layer : form.layer}
        options={"options" in checked ? checked.options : null}
        worker={worker}
        disabled={running}
        onPick={(channel) => setForm((f) => ({ ...f, channel: String(channel) }))}
      />

      <Gallery
        finished={finished}
        gallery={gallery}
        onUse={(o) => setForm((f) => optionsToForm(o, f))}
        onDownloadGif={downloadGif}
        onDownloadPng={(r) => void downloadPng(r)}
      />
    </div>
  );
}
