import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { projectPath } from "@/lib/paths";
import { CLASS_COUNT } from "@/lib/vision/layers";
import { galleryIndexSchema, type GalleryEntry } from "../core/gallery";

// metadata.json's labels, checked here rather than with lib/vision/mobilenet's parseLabels,
// which would pull tfjs into the page's server bundle.
const metadataSchema = z.object({ labels: z.array(z.string()).length(CLASS_COUNT) });

let labelsCache: string[] | undefined;

/**
 * What the /deep-ink page needs from disk: the 1,000 ImageNet labels (the classifier's
 * metadata.json, for the class picker; read once) and the precomputed gallery's index (read
 * per request: it is small, and a rebuilt gallery then shows at once).
 */
export function deepInkCatalog(): { labels: string[]; gallery: GalleryEntry[] } {
  labelsCache ??= metadataSchema.parse(
    JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ projectPath("public", "models", "mobilenet_v1_0.75_224", "metadata.json"), "utf8")),
  ).labels;
  const indexFile = projectPath("public", "deep-ink", "gallery", "index.json");
  const gallery = fs.existsSync(indexFile) ? galleryIndexSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ indexFile, "utf8"))).entries : [];
  return { labels: labelsCache, gallery };
}
