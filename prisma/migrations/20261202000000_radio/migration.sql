-- Song radio: the songs of data/radio/songs.json (the word2vec vocabulary, duplicate ids
-- merged), seeded by lib/radio/server/seed-step.ts; their vectors live in vector_item
-- (collection "radio", key = song id as text).

CREATE TABLE "radio_song" (
    "id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "artist" TEXT NOT NULL,
    "tags" TEXT[],
    "predicted_tags" JSONB NOT NULL,
    "plays" INTEGER NOT NULL,
    "x" DOUBLE PRECISION NOT NULL,
    "y" DOUBLE PRECISION NOT NULL,
    "search_key" TEXT NOT NULL,
    "artist_key" TEXT NOT NULL,
    CONSTRAINT "radio_song_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "radio_song_position_key" ON "radio_song"("position");
CREATE INDEX "radio_song_artist_key_idx" ON "radio_song"("artist_key");

CREATE TABLE "radio_song_alias" (
    "alias_id" INTEGER NOT NULL,
    "song_id" INTEGER NOT NULL,
    CONSTRAINT "radio_song_alias_pkey" PRIMARY KEY ("alias_id")
);

CREATE INDEX "radio_song_alias_song_id_idx" ON "radio_song_alias"("song_id");

ALTER TABLE "radio_song_alias" ADD CONSTRAINT "radio_song_alias_song_id_fkey" FOREIGN KEY ("song_id") REFERENCES "radio_song"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "radio_tag" (
    "tag" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "songs" INTEGER NOT NULL,
    "auc" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "colour" TEXT,
    CONSTRAINT "radio_tag_pkey" PRIMARY KEY ("tag")
);

CREATE UNIQUE INDEX "radio_tag_position_key" ON "radio_tag"("position");
