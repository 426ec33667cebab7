// The "image-search" seed step: the Caltech-101 photos of data/image-search/ into image_photo and
// their MobileNet vectors, in the committed search space (transform.json), into the shared
// vector store (see ./store.ts).

import "server-only";
import type { SeedStep } from "@/lib/db/seed";
import { projectPath } from "@/lib/paths";
import { loadImageIndex, loadTransform } from "./load";
import { storeImageIndex } from "./store";

export const IMAGE_DATA_FILES = [
  "data/image-search/photos.json",
  "data/image-search/embeddings.u8",
  "data/image-search/transform.json",
  "data/image-search/transform.f16",
];

export const imageSearchSeedStep: SeedStep = {
  name: "image-search",
  dataFiles: IMAGE_DATA_FILES,
  version: 2,
  async run(db, progress) {
    const started = Date.now();
    const index = await loadImageIndex(projectPath("data", "image-search"));
    progress(`read ${index.photos.length} photos x ${index.dim} dims in ${Date.now() - started} ms`);
    const { transform } = await loadTransform(projectPath("data", "image-search"));
    return storeImageIndex(db, index, transform, progress);
  },
};
