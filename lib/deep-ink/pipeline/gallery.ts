/**
 * The precomputed gallery: which layers / channels / classes, and the build of one entry
 * (run, GIF, PNG of the last frame). Driven by scripts/deep-ink/gallery.ts.
 */
import type { DeepInkOptionsInput } from "../core/options";

export interface GallerySpec {
  id: string;
  options: DeepInkOptionsInput;
}

/** Shared by every entry: small enough that the whole gallery stays a few MB. */
export const GALLERY_DEFAULTS = { size: 112, steps: 150, flipsPerStep: 32, blob: 12, seed: 1, cooldown: 10 } as const;

/**
 * A dozen drawings from shallow to deep layers and four classes. A channel that does not
 * respond to the blob at all (no pixel's flip would raise it) is replaced by the next one
 * that does, so the list names a starting channel, not a promise.
 */
export const GALLERY: readonly GallerySpec[] = [
  { id: "conv-pw-2", options: { layer: "conv_pw_2_relu", channel: 5 } },
  { id: "conv-pw-3", options: { layer: "conv_pw_3_relu", channel: 10 } },
  { id: "conv-dw-4-pre", options: { layer: "conv_dw_4_bn", channel: 3 } },
  { id: "conv-pw-4", options: { layer: "conv_pw_4_relu", channel: 20 } },
  { id: "conv-pw-5", options: { layer: "conv_pw_5_relu", channel: 10 } },
  { id: "conv-pw-6", options: { layer: "conv_pw_6_relu", channel: 30 } },
  { id: "conv-pw-7", options: { layer: "conv_pw_7_relu", channel: 7 } },
  { id: "conv-pw-9", options: { layer: "conv_pw_9_relu", channel: 5 } },
  { id: "class-volcano", options: { className: "volcano" } },
  { id: "class-goldfish", options: { className: "goldfish" } },
  { id: "class-zebra", options: { className: "zebra" } },
  { id: "class-tabby", options: { className: "tabby cat" } },
];
