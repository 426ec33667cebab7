-- Reverse image search: the Caltech-101 photos of data/images/photos.json, seeded by
-- lib/images/seed-step.ts. Their vectors live in vector_item (collections "caltech101"
-- and "caltech101-heldout").

CREATE TABLE "image_photo" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "split" TEXT NOT NULL,
    "thumbnail_url" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "thumb_width" INTEGER NOT NULL,
    "thumb_height" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "licence" TEXT NOT NULL,
    "imagenet_labels" TEXT[],
    "imagenet_probabilities" DOUBLE PRECISION[],
    CONSTRAINT "image_photo_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "image_photo_position_key" ON "image_photo"("position");
-- Browsing: one class in id order, optionally within one split; paged by id.
CREATE INDEX "image_photo_label_id_idx" ON "image_photo"("label", "id");
CREATE INDEX "image_photo_split_label_id_idx" ON "image_photo"("split", "label", "id");
