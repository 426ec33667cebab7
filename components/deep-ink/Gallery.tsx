import { GALLERY_PUBLIC_PATH, type GalleryEntry } from "@/lib/deep-ink/core/gallery";
import type { RunState } from "@/lib/deep-ink/core/ink";
import type { DeepInkOptions } from "@/lib/deep-ink/core/options";

export interface FinishedDrawing {
  id: string;
  title: string;
  options: DeepInkOptions;
  steps: number;
  activationStart: number;
  activationEnd: number;
  /** data: URL of the final frame. */
  png: string;
  run: Pick<RunState, "start" | "flips" | "options">;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "?");

/** This visit's finished drawings, then the precomputed ones (animated GIFs). */
export function Gallery({ finished, gallery, onUse, onDownloadGif, onDownloadPng }: {
  finished: FinishedDrawing[];
  gallery: GalleryEntry[];
  onUse: (o: GalleryEntry | DeepInkOptions) => void;
  onDownloadGif: (run: FinishedDrawing["run"]) => void;
  onDownloadPng: (run: FinishedDrawing["run"]) => void;
}) {
  return (
    <section className="ink-section" aria-labelledby="ink-gallery">
      <h2 id="ink-gallery">Gallery</h2>
      {finished.length ? (
        <>
          <h3>Your drawings</h3>
          <ul className="ink-gallery" data-testid="finished-gallery">
            {finished.map((d) => (
              <li key={d.id} className="ink-card">
                {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser */}
                <img src={d.png} alt={`Finished drawing for ${d.title}`} className="ink-card-img" />
                <strong>{d.title}</strong>
                <small>
                  {d.steps} steps at {d.options.size}px · activation {fmt(d.activationStart)} &rarr; {fmt(d.activationEnd)}
                </small>
                <div className="ink-card-buttons">
                  <button type="button" className="ink-link" onClick={() => onDownloadGif(d.run)}>
                    GIF
                  </button>
                  <button type="button" className="ink-link" onClick={() => onDownloadPng(d.run)}>
                    PNG
                  </button>
                  <button type="button" className="ink-link" onClick={() => onUse(d.options)}>
                    Use these settings
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Precomputed</h3>
      {gallery.length ? (
        <ul className="ink-gallery" data-testid="precomputed-gallery">
          {gallery.map((g) => (
            <li key={g.id} className="ink-card">
              {/* eslint-disable-next-line @next/next/no-img-element -- an animated GIF, shown as it is */}
              <img src={`${GALLERY_PUBLIC_PATH}/${g.gif}`} alt={`Deep Ink drawing for ${g.title}`} className="ink-card-img" loading="lazy" width={g.size} height={g.size} />
              <strong>{g.title}</strong>
              <small>
                {g.steps} steps x {g.flipsPerStep} flips at {g.size}px · activation {fmt(g.activationStart)} &rarr; {fmt(g.activationEnd)}
              </small>
              <div className="ink-card-buttons">
                <a className="ink-link" href={`${GALLERY_PUBLIC_PATH}/${g.gif}`} download>
                  GIF
                </a>
                <a className="ink-link" href={`${GALLERY_PUBLIC_PATH}/${g.png}`} download>
                  PNG
                </a>
                <button type="button" className="ink-link" onClick={() => onUse(g)}>
                  Use these settings
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ink-note">No precomputed drawings yet: `npm run deep-ink:gallery` builds them.</p>
      )}
    </section>
  );
}
