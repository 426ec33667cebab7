-- Song radio, Spotify (optional; lib/radio/server/spotify): the track-link cache, and the
-- playlists `npm run radio:crawl` collects (words searched, playlists seen, their tracks).
-- Nothing here is seeded: the rows come from Spotify's Web API when credentials are set.

CREATE TABLE "radio_spotify_track" (
    "title" TEXT NOT NULL,
    "artist" TEXT NOT NULL,
    "track_id" TEXT,
    "track_title" TEXT,
    "track_artists" TEXT[],
    "searched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "radio_spotify_track_pkey" PRIMARY KEY ("title", "artist")
);

CREATE TABLE "radio_crawl_word" (
    "word" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "next_offset" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    CONSTRAINT "radio_crawl_word_pkey" PRIMARY KEY ("word")
);

CREATE UNIQUE INDEX "radio_crawl_word_rank_key" ON "radio_crawl_word"("rank");

CREATE TABLE "radio_crawl_playlist" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "total_tracks" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fetched_at" TIMESTAMP(3),
    CONSTRAINT "radio_crawl_playlist_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "radio_crawl_playlist_seq_key" ON "radio_crawl_playlist"("seq");
CREATE INDEX "radio_crawl_playlist_status_seq_idx" ON "radio_crawl_playlist"("status", "seq");

CREATE TABLE "radio_crawl_track" (
    "playlist_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "track_id" TEXT,
    "title" TEXT NOT NULL,
    "artist" TEXT NOT NULL,
    "artists" TEXT[],
    CONSTRAINT "radio_crawl_track_pkey" PRIMARY KEY ("playlist_id", "position")
);

ALTER TABLE "radio_crawl_track" ADD CONSTRAINT "radio_crawl_track_playlist_id_fkey" FOREIGN KEY ("playlist_id") REFERENCES "radio_crawl_playlist"("id") ON DELETE CASCADE ON UPDATE CASCADE;
