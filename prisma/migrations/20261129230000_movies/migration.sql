-- Movie recommender: the 20,000 films of data/movies/movies.json with their poster-map
-- cell and cluster (layout.json), seeded by lib/movies/seed-step.ts. Their 50-d film
-- vectors live in vector_item (collection "movies", key = title).

CREATE TABLE "movie" (
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "display_title" TEXT NOT NULL,
    "year" INTEGER,
    "genres" TEXT[],
    "thumbnail" TEXT,
    "popularity" DOUBLE PRECISION NOT NULL,
    "grid_x" INTEGER NOT NULL,
    "grid_y" INTEGER NOT NULL,
    "cluster" INTEGER NOT NULL,
    "search_key" TEXT NOT NULL,
    "display_key" TEXT NOT NULL,
    CONSTRAINT "movie_pkey" PRIMARY KEY ("title")
);

CREATE UNIQUE INDEX "movie_position_key" ON "movie"("position");
