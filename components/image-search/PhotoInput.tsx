"use client";

import { useRef, useState } from "react";

/** Drop zone + file picker + phone camera; paste is handled page-wide by ImageSearch. */
export function PhotoInput({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);

  const take = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) onFile(file);
  };
  // Clearing the input lets the same file be picked again.
  const takeFromInput = (e: React.ChangeEvent<HTMLInputElement>) => {
    take(e.currentTarget.files);
    e.currentTarget.value = "";
  };

  return (
    <div
      className={`img-drop${over ? " over" : ""}`}
      data-testid="drop-zone"
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files);
      }}
    >
      <svg className="img-drop-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="5" y="9" width="38" height="30" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <circle cx="17" cy="19" r="4" fill="currentColor" />
        <path d="M9 35l10-10 7 7 5-5 8 8" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
      </svg>
      <p className="img-drop-title">Drop a photo here</p>
      <div className="img-drop-buttons">
        <button type="button" className="img-button primary" onClick={() => fileRef.current?.click()} disabled={busy}>
          Choose a photo
        </button>
        <button type="button" className="img-button" onClick={() => cameraRef.current?.click()} disabled={busy}>
          Take a photo
        </button>
      </div>
      <p className="img-drop-hint">
        or paste one (Ctrl+V). Once the model has loaded in your browser, only 768 numbers are sent; a photo chosen before
        that is searched on the server (not stored).
      </p>
      <input
        ref={fileRef}
        type="file"
        accept="image/*"
        hidden
        data-testid="file-input"
        onChange={takeFromInput}
      />
      <input
        ref={cameraRef}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="camera-input"
        onChange={takeFromInput}
      />
    </div>
  );
}
