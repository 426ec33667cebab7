import "server-only";
import fs from "node:fs";
import { galleryIndexSchema, type GalleryEntry } from "../core/gallery";
import { projectPath } from "@/lib/paths";
import { z } from "zod";
import { CLASS_COUNT } from "@/lib/vision/layers";

// metadata.json's labels, checked here rather than with lib/vision/mobilenet's parseLabels,
// which would pull tfjs into the page's server bundle.
const metadataSchema = z.object({ labels: z.array(z.string()).length(CLASS_COUNT) });

/**
 * What the /deep-ink page needs from disk: the 1,000 ImageNet labels (the classifier's
 * metadata.json, for the class picker) and the precomputed gallery's index. Read once.
 */
let cache: { labels: string[]; gallery: GalleryEntry[] } | undefined;

export function deepInkCatalog(): { labels: string[]; gallery: GalleryEntry[] } {
  if (cache) return cache;
  const { labels } = metadataSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ projectPath("public", "models", "mobilenet_v1_0.75_224", "metadata.json"), "utf8")));
  const indexFile = projectPath("public", "deep-ink", "gallery", "index.json");
  const gallery = fs.existsSync(indexFile) ? galleryIndexSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ indexFile, "utf8"))).entries : [];
  cache = { labels, gallery };
  return cache;
}
