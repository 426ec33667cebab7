/**
 * The gallery of precomputed drawings (public/deep-ink/gallery/index.json, built by
 * `npm run deep-ink:gallery`): what the page shows before anything runs.
 */
import { z } from "zod";

export const GALLERY_PUBLIC_PATH = "/deep-ink/gallery";

export const galleryEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** "conv_pw_5_relu #10" or "class: volcano". */
  title: z.string(),
  layer: z.string(),
  channel: z.number().int().min(0),
  className: z.string().optional(),
  size: z.number().int(),
  steps: z.number().int(),
  flipsPerStep: z.number().int(),
  black: z.number().int(),
  white: z.number().int(),
  seed: z.number().int(),
  cooldown: z.number().int(),
  /** Activation before the first and after the last step. */
  activationStart: z.number(),
  activationEnd: z.number(),
  /** File names under GALLERY_PUBLIC_PATH. */
  gif: z.string(),
  png: z.string(),
  gifBytes: z.number().int(),
});
export type GalleryEntry = z.infer<typeof galleryEntrySchema>;

export const galleryIndexSchema = z.object({
  generatedBy: z.string(),
  entries: z.array(galleryEntrySchema),
});
export type GalleryIndex = z.infer<typeof galleryIndexSchema>;
