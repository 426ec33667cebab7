-- Foundation: seeding bookkeeping and the shared vector store.
-- cube is contrib on PostgreSQL and bundled with PGlite; pgvector is not on the
-- Debian server, so the vector search uses cube for candidates only.
CREATE EXTENSION IF NOT EXISTS cube;

CREATE TABLE "seed_step" (
    "name" TEXT NOT NULL,
    "data_hash" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "finished_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "seed_step_pkey" PRIMARY KEY ("name")
);

CREATE TABLE "vector_item" (
    "id" SERIAL NOT NULL,
    "collection" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "dims" INTEGER NOT NULL,
    "embedding" BYTEA NOT NULL,
    "reduced" cube,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "vector_item_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "vector_item_collection_key_key" ON "vector_item"("collection", "key");
CREATE INDEX "vector_item_collection_idx" ON "vector_item"("collection");
CREATE INDEX "vector_item_reduced_gist" ON "vector_item" USING gist ("reduced");

CREATE TABLE "vector_collection" (
    "name" TEXT NOT NULL,
    "dims" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "reduced_dims" INTEGER NOT NULL,
    "projection" BYTEA,
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "vector_collection_pkey" PRIMARY KEY ("name")
);
