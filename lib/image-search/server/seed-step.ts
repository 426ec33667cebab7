// The "image-search" seed step: the Caltech-101 photos of data/image-search/ into image_photo and
// their MobileNet vectors into the shared vector store (see ./store.ts).

import "server-only";
import type { SeedStep } from "@/lib/db/seed";
import { projectPath } from "@/lib/paths";
import { loadImageIndex } from "./load";
import { storeImageIndex } from "./store";

export const IMAGE_DATA_FILES = ["data/image-search/photos.json", "data/image-search/embeddings.u8"];

export const imageSearchSeedStep: SeedStep = {
  name: "image-search",
  dataFiles: IMAGE_DATA_FILES,
  version: 1,
  async run(db, progress) {
    const started = Date.now();
    const index = await loadImageIndex(projectPath("data", "image-search"));
    progress(`read ${index.photos.length} photos x ${index.dim} dims in ${Date.now() - started} ms`);
    return storeImageIndex(db, index, progress);
  },
};
