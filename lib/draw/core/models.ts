/** The three drawing models: which data and encoding each uses. Browser-safe. */
import type { EncodingName } from "./encoding";

export const MODEL_NAMES = ["icons8", "icons32", "glyphs"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export const MODEL_ENCODING: Record<ModelName, EncodingName> = {
  icons8: "pixels8",
  icons32: "scanlines32",
  glyphs: "scanlines32",
};

/** Where the page fetches a model from (public/draw/models/<name>/). */
export function modelUrl(name: ModelName): { manifest: string; weights: string } {
  return { manifest: `/draw/models/${name}/model.json`, weights: `/draw/models/${name}/weights.bin` };
}

export interface LossPoint {
  /** Training sequences seen so far. */
  seen: number;
  epoch: number;
  train: number;
  validation: number;
}
