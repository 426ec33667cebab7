// The "images" seed step: the Caltech-101 photos of data/images/ into image_photo and
// their MobileNet vectors into the shared vector store (see ./store.ts).

import type { SeedStep } from "@/lib/db/seed";
import { projectPath } from "@/lib/paths";
import { loadImageIndex } from "./load";
import { storeImageIndex } from "./store";

export const IMAGE_DATA_FILES = ["data/images/photos.json", "data/images/embeddings.u8"];

export const imagesSeedStep: SeedStep = {
  name: "images",
  dataFiles: IMAGE_DATA_FILES,
  version: 1,
  async run(db, progress) {
    const started = Date.now();
    const index = await loadImageIndex(projectPath("data", "images"));
    progress(`read ${index.photos.length} photos x ${index.dim} dims in ${Date.now() - started} ms`);
    return storeImageIndex(db, index, progress);
  },
};
