"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { browserBackendOf, type BrowserEmbedBackend, type ClassSummary, type SearchResponse, type SearchResult, type SimilarResponse } from "@/lib/image-search/core/api-schema";
import type { ProgressSnapshot } from "@/lib/progress";
import type { WorkerClient } from "@/lib/workers/client";
import { startImageEmbedWorker, type ImageEmbedInput, type ImageEmbedResult } from "@/workers/image-embed";
import { BrowsePhotos } from "./BrowsePhotos";
import { PhotoInput } from "./PhotoInput";
import { PhotoViewer } from "./PhotoViewer";
import { SampleRow } from "./SampleRow";
import { SearchResults, type QueryView } from "./SearchResults";
import { searchByUpload, searchByVector, similarPhotos } from "./api";
import type { Sample } from "./samples";

/** Results per search: fills 2, 3, 4 or 6 columns evenly. */
const RESULTS = 12;
/** Bigger files are refused in the browser before decoding (the page only sends a vector, but the tab must survive). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

type Phase =
  | { kind: "idle" }
  | { kind: "embedding"; snapshot: ProgressSnapshot | null; message: string }
  | { kind: "searching"; message?: string }
  | { kind: "done" }
  | { kind: "error"; message: string };

export function ImageSearch({
  classes,
  threshold,
  allSearchable,
}: {
  classes: ClassSummary[];
  threshold: number;
  /** Every photo is in the searchable collection (not only the "index" split). */
  allSearchable: boolean;
}) {
  const [tab, setTab] = useState<"upload" | "browse">("upload");
  /** The browse grid stays mounted once opened, so its filters and pages survive tab switches. */
  const [browseOpened, setBrowseOpened] = useState(false);
  const [query, setQuery] = useState<QueryView | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [backend, setBackend] = useState<string | null>(null);
  /** The last photo's vector came from the server (the browser's engine was still loading). */
  const [embeddedOnServer, setEmbeddedOnServer] = useState(false);
  /** The worker's engine has finished its warm-up inference; photos embed in the browser from then on. */
  const [engineReady, setEngineReady] = useState(false);
  const engineReadyRef = useRef(false);
  /** Until the engine is ready, photos are embedded by the server (`?serverFirst=0`: always wait for the browser). */
  const serverFirstRef = useRef(true);
  // True once the page's handlers (paste, drop, picker) are attached after hydration.
  const [interactive, setInteractive] = useState(false);
  const workerRef = useRef<WorkerClient<ImageEmbedInput, ImageEmbedResult> | null>(null);
  /** The engine the worker runs (`?backend=`, else the fastest), read once the page is in the browser. */
  const engineRef = useRef<BrowserEmbedBackend | undefined>(undefined);
  const runRef = useRef<AbortController | null>(null);
  const previewRef = useRef<string | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  /** The result shown enlarged (index into response.results), and the card that opened it (focus returns there). */
  const [viewing, setViewing] = useState<number | null>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const classLabels = useMemo(() => classes.filter((c) => c.index > 0).map((c) => c.label), [classes]);
  const sampleNote = allSearchable ? "from the collection" : "held out of the collection";

  /** Starts a new search: cancels the previous one, returns its abort signal. */
  const begin = useCallback((next: QueryView) => {
    runRef.current?.abort();
    const controller = new AbortController();
    runRef.current = controller;
    if (previewRef.current && previewRef.current !== next.imageUrl) URL.revokeObjectURL(previewRef.current);
    previewRef.current = next.imageUrl.startsWith("blob:") ? next.imageUrl : null;
    setQuery(next);
    setResponse(null);
    setViewing(null);
    requestAnimationFrame(() => resultsRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
    return controller.signal;
  }, []);

  const searchFile = useCallback(
    async (file: File, sample?: Sample) => {
      if (file.type && !file.type.startsWith("image/")) {
        setPhase({ kind: "error", message: `"${file.name}" is not an image (${file.type}).` });
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        setPhase({ kind: "error", message: `"${file.name}" is ${(file.size / 1e6).toFixed(0)} MB; photos up to 50 MB are accepted.` });
        return;
      }
      const imageUrl = URL.createObjectURL(file);
      const signal = begin(sample ? { kind: "sample", imageUrl, name: sample.name, split: sampleNote } : { kind: "upload", imageUrl, name: file.name || "pasted image" });
      if (!engineReadyRef.current && serverFirstRef.current) {
        // Same model, same vector (integration test): no need to wait for the browser's engine.
        setPhase({ kind: "searching", message: "Searching on the server while your browser loads the model…" });
        try {
          const result = await searchByUpload(file, RESULTS, signal);
          if (signal.aborted) return;
          setBackend(null);
          setEmbeddedOnServer(true);
          setResponse(result);
          setPhase({ kind: "done" });
          return;
        } catch (err) {
          if (signal.aborted || (err as Error).name === "AbortError") return;
          // The server refused (busy, a limit): embed in the browser as before.
        }
      }
      setPhase({ kind: "embedding", snapshot: null, message: "Preparing the model" });
      try {
        workerRef.current ??= startImageEmbedWorker();
        const embedded = await workerRef.current.run(
          { file, backend: engineRef.current },
          { signal, onProgress: (p) => setPhase({ kind: "embedding", snapshot: p.snapshot, message: p.message ?? "Working" }) },
        );
        setBackend(embedded.backend);
        setEmbeddedOnServer(false);
        setPhase({ kind: "searching" });
        const result = await searchByVector(embedded.embedding, RESULTS, embedded.labels, signal);
        if (signal.aborted) return;
        setResponse(result);
        setPhase({ kind: "done" });
      } catch (err) {
        if (signal.aborted || (err as Error).name === "AbortError") return;
        setPhase({ kind: "error", message: (err as Error).message });
      }
    },
    [begin, sampleNote],
  );

  const searchPhoto = useCallback(
    async (photo: { id: string; label: string; thumbnailUrl: string; split?: string }, prefetched?: SimilarResponse | null) => {
      const signal = begin({ kind: "photo", imageUrl: photo.thumbnailUrl, name: photo.id, label: photo.label, split: photo.split });
      setPhase({ kind: "searching" });
      try {
        const result = prefetched ?? (await similarPhotos(photo.id, RESULTS, signal));
        if (signal.aborted) return;
        setQuery({ kind: "photo", imageUrl: result.query.thumbnailUrl, name: result.query.id, label: result.query.label, split: result.query.split });
        setResponse(result);
        setPhase({ kind: "done" });
      } catch (err) {
        if (signal.aborted || (err as Error).name === "AbortError") return;
        setPhase({ kind: "error", message: (err as Error).message });
      }
    },
    [begin],
  );

  /** A sample runs the upload path: fetched as a file, embedded in the worker. */
  const searchSample = useCallback(
    async (sample: Sample) => {
      try {
        const res = await fetch(sample.url);
        if (!res.ok) throw new Error(`The sample photo could not be loaded (${res.status}).`);
        const blob = await res.blob();
        await searchFile(new File([blob], sample.url.split("/").pop() ?? "sample.jpg", { type: blob.type || "image/jpeg" }), sample);
      } catch (err) {
        setPhase({ kind: "error", message: (err as Error).message });
      }
    },
    [searchFile],
  );

  /** Whether opening the viewer added a history entry (Back closes the viewer instead of leaving the page). */
  const viewerEntryRef = useRef(false);

  const openViewer = useCallback((index: number, opener: HTMLElement) => {
    openerRef.current = opener;
    setViewing(index);
    if (!viewerEntryRef.current) {
      // Same URL, same (Next router) state: only gives Back something to undo.
      window.history.pushState(window.history.state, "");
      viewerEntryRef.current = true;
    }
  }, []);

  const closeViewer = useCallback(() => {
    setViewing(null);
    const opener = openerRef.current;
    openerRef.current = null;
    if (opener?.isConnected) opener.focus();
    if (viewerEntryRef.current) {
      viewerEntryRef.current = false;
      window.history.back();
    }
  }, []);

  // Back (a phone's back gesture) while the viewer is open closes it.
  useEffect(() => {
    const onPop = () => {
      if (!viewerEntryRef.current) return;
      viewerEntryRef.current = false;
      setViewing(null);
      const opener = openerRef.current;
      openerRef.current = null;
      if (opener?.isConnected) opener.focus();
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const searchFromViewer = useCallback(
    (photo: SearchResult, prefetched: SimilarResponse | null) => {
      // The viewer unmounts with the new search, maybe before its close event: undo its history entry here.
      openerRef.current = null;
      if (viewerEntryRef.current) {
        viewerEntryRef.current = false;
        window.history.back();
      }
      void searchPhoto(photo, prefetched);
    },
    [searchPhoto],
  );

  // Paste an image anywhere on the page (Ctrl+V / Cmd+V).
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      if (!file) return;
      event.preventDefault();
      setTab("upload");
      void searchFile(file);
    };
    window.addEventListener("paste", onPaste);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the page interactive only once the paste handler is attached (the e2e test waits for it)
    setInteractive(true);
    return () => window.removeEventListener("paste", onPaste);
  }, [searchFile]);

  // Warm-up as soon as the page opens: the worker downloads the model (or reads it from the
  // Cache API), starts the engine and runs one 1x1-pixel inference, so a photo dropped
  // later only waits for its own inference. Its result is not used.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    engineRef.current = browserBackendOf(params.get("backend"));
    serverFirstRef.current = params.get("serverFirst") !== "0";
    const worker = startImageEmbedWorker();
    workerRef.current = worker;
    const pixel = { width: 1, height: 1, data: new Uint8ClampedArray([255, 255, 255, 255]) };
    worker.run({ pixels: pixel, backend: engineRef.current }).then(
      () => {
        if (workerRef.current !== worker) return;
        engineReadyRef.current = true;
        setEngineReady(true);
      },
      () => undefined, // a photo job reports any failure
    );
    return () => {
      worker.terminate();
      if (workerRef.current === worker) workerRef.current = null;
    };
  }, []);

  useEffect(
    () => () => {
      runRef.current?.abort();
      if (previewRef.current) URL.revokeObjectURL(previewRef.current);
    },
    [],
  );

  const busy = phase.kind === "embedding" || phase.kind === "searching";
  return (
    <div className="img-search" data-interactive={interactive ? "true" : undefined} data-all-searchable={allSearchable} data-engine-ready={engineReady ? "true" : undefined}>
      <div className="img-tabs" role="tablist" aria-label="Search with">
        <button role="tab" aria-selected={tab === "upload"} className={tab === "upload" ? "active" : ""} onClick={() => setTab("upload")}>
          Your photo
        </button>
        <button
          role="tab"
          aria-selected={tab === "browse"}
          className={tab === "browse" ? "active" : ""}
          onClick={() => {
            setTab("browse");
            setBrowseOpened(true);
          }}
          data-testid="browse-tab"
        >
          Browse the collection
        </button>
      </div>

      <div className="img-panel" hidden={tab !== "upload"}>
        <PhotoInput onFile={searchFile} busy={busy} />
        <SampleRow onPick={searchSample} busy={busy} note={sampleNote} />
      </div>
      <div className="img-panel" hidden={tab !== "browse"}>
        {browseOpened ? <BrowsePhotos classes={classes} onPick={searchPhoto} allSearchable={allSearchable} /> : null}
      </div>

      <div ref={resultsRef} className="img-results-anchor">
        {phase.kind === "embedding" ? (
          <div className="img-status" data-testid="embed-progress">
            <ProgressBar snapshot={phase.snapshot} label={phase.message} />
          </div>
        ) : null}
        {phase.kind === "searching" ? (
          <p className="img-status" aria-live="polite" data-testid="searching">
            {phase.message ?? "Searching…"}
          </p>
        ) : null}
        {phase.kind === "error" ? (
          <p className="error-box" role="alert" data-testid="search-error">
            {phase.message}
          </p>
        ) : null}
        {query && (response || busy) ? (
          <SearchResults
            query={query}
            response={response}
            threshold={threshold}
            classLabels={classLabels}
            backend={backend}
            embeddedOnServer={embeddedOnServer}
            allSearchable={allSearchable}
            onOpen={openViewer}
          />
        ) : null}
        {response && viewing !== null && response.results[viewing] ? (
          <PhotoViewer
            results={response.results}
            start={viewing}
            k={RESULTS}
            allSearchable={allSearchable}
            onClose={closeViewer}
            onSearch={searchFromViewer}
          />
        ) : null}
      </div>
    </div>
  );
}
