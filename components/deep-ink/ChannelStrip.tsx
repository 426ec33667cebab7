"use client";

import { useEffect, useRef, useState } from "react";
import type { DeepInkOptions } from "@/lib/deep-ink/core/options";
import { LOGITS_OUTPUT, outputByName } from "@/lib/vision/layers";
import type { WorkerClient } from "@/lib/workers/client";
import { JobCancelledError } from "@/lib/workers/protocol";
import type { DeepInkJob, DeepInkJobResult, DeepInkProgressData } from "@/workers/deep-ink";
import { InkCanvas } from "./InkCanvas";

/** Per channel: a short, small run, enough to see what the channel likes. */
const THUMB = { size: 48, steps: 24, flipsPerStep: 12, blob: 8 } as const;
const PER_PAGE = 12;

interface Thumb {
  channel: number;
  bits: Uint8Array;
  gain: number;
}

/** A strip of thumbnails: what each channel of the chosen layer draws in a few steps; click one to pick it. */
export function ChannelStrip({ options, worker, disabled, onPick }: {
  options: DeepInkOptions | null;
  worker: () => WorkerClient<DeepInkJob, DeepInkJobResult>;
  disabled: boolean;
  onPick: (channel: number) => void;
}) {
  const layer = options?.layer ?? null;
  const info = layer ? outputByName(layer) : undefined;
  const [from, setFrom] = useState(0);
  const [thumbs, setThumbs] = useState<Thumb[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  // (the parent keys this component by layer, so a new layer starts a fresh strip)
  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    if (disabled) abortRef.current?.abort();
  }, [disabled]);

  if (!options || !info || layer === LOGITS_OUTPUT) {
    return (
      <section className="ink-section" aria-labelledby="ink-strip">
        <h2 id="ink-strip">What each channel draws</h2>
        <p className="ink-note">Pick a conv layer above to see what its channels draw; for the class scores, type a class name.</p>
      </section>
    );
  }

  const show = async (start: number) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const channels = Array.from({ length: Math.min(PER_PAGE, info.channels - start) }, (_, i) => start + i);
    setFrom(start);
    setThumbs([]);
    setBusy(true);
    setError(null);
    try {
      await worker().run(
        { kind: "thumbnails", options: { ...options, ...THUMB, anywhere: false }, channels },
        {
          signal: controller.signal,
          onProgress: (p) => {
            const data = p.data as DeepInkProgressData | undefined;
            if (data?.kind === "thumbnail") setThumbs((t) => [...t, { channel: data.channel, bits: data.bits, gain: data.activationEnd - data.activationStart }]);
          },
        },
      );
    } catch (err) {
      if (!(err instanceof JobCancelledError) && (err as Error)?.name !== "AbortError") setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (abortRef.current === controller) setBusy(false);
    }
  };

  const next = from + PER_PAGE < info.channels ? from + PER_PAGE : null;
  return (
    <section className="ink-section" aria-labelledby="ink-strip">
      <h2 id="ink-strip">What each channel draws</h2>
      <p className="ink-note">
        {layer} has {info.channels} channels. Each thumbnail is a {THUMB.steps}-step drawing at {THUMB.size}&times;{THUMB.size}; click one to
        draw it big. A blank square means the channel does not respond to the blob at all.
      </p>
      <div className="ink-buttons">
        <button type="button" className="ink-button" disabled={disabled || busy} onClick={() => void show(thumbs.length ? from : 0)} data-testid="show-channels">
          {thumbs.length ? "Redraw" : `Show channels 0-${Math.min(PER_PAGE, info.channels) - 1}`}
        </button>
        {thumbs.length && next !== null ? (
          <button type="button" className="ink-button" disabled={disabled || busy} onClick={() => void show(next)}>
            Next {Math.min(PER_PAGE, info.channels - next)} channels
          </button>
        ) : null}
        {busy ? <small className="ink-note">drawing {thumbs.length + 1} of {Math.min(PER_PAGE, info.channels - from)}&hellip;</small> : null}
      </div>
      {error ? <p className="error-box">{error}</p> : null}
      {thumbs.length ? (
        <ul className="ink-strip" data-testid="channel-strip">
          {thumbs.map((t) => (
            <li key={t.channel}>
              <button type="button" onClick={() => onPick(t.channel)} disabled={disabled} title={`Draw channel ${t.channel}`}>
                <InkCanvas bits={t.bits} size={THUMB.size} label={`Channel ${t.channel}`} className="ink-thumb" />
                <span>
                  #{t.channel}
                  {t.gain > 0 ? ` +${t.gain.toFixed(2)}` : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
