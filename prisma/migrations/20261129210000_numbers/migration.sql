-- Universal numbers: what computeNumbersResult derives from data/numbers/numbers.json,
-- stored once at seed time (lib/numbers/store.ts) so pages and routes only read.

CREATE TABLE "numbers_language" (
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "words" TEXT[],
    "normalised" TEXT[],
    "tree_order" INTEGER NOT NULL,
    "closest" JSONB NOT NULL,
    CONSTRAINT "numbers_language_pkey" PRIMARY KEY ("name")
);

CREATE UNIQUE INDEX "numbers_language_position_key" ON "numbers_language"("position");
CREATE UNIQUE INDEX "numbers_language_tree_order_key" ON "numbers_language"("tree_order");

CREATE TABLE "numbers_pair" (
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "distances" DOUBLE PRECISION[],
    CONSTRAINT "numbers_pair_pkey" PRIMARY KEY ("a", "b")
);

CREATE UNIQUE INDEX "numbers_pair_rank_key" ON "numbers_pair"("rank");

CREATE TABLE "numbers_universal" (
    "number" INTEGER NOT NULL,
    "word" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    CONSTRAINT "numbers_universal_pkey" PRIMARY KEY ("number")
);

CREATE TABLE "numbers_tree" (
    "id" INTEGER NOT NULL,
    "tree" JSONB NOT NULL,
    CONSTRAINT "numbers_tree_pkey" PRIMARY KEY ("id")
);
