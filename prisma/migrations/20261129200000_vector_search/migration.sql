-- Vector search: versions that are never reused, and when the PCA basis was fitted.

-- Every put takes the next value, so a collection that is deleted and created again
-- can never come back with a version an in-memory cache has already seen.
CREATE SEQUENCE "vector_collection_version_seq" AS INTEGER;
ALTER TABLE "vector_collection" ALTER COLUMN "version" SET DEFAULT nextval('vector_collection_version_seq');

-- Items in the collection when its projection was fitted: appending refits once the
-- collection has doubled since then.
ALTER TABLE "vector_collection" ADD COLUMN "projection_item_count" INTEGER NOT NULL DEFAULT 0;

-- Embeddings are float32 bytes that pglz cannot shrink: store them out of line without
-- trying (EXTERNAL), which made reading a collection back ~2x faster on PGlite.
ALTER TABLE "vector_item" ALTER COLUMN "embedding" SET STORAGE EXTERNAL;
