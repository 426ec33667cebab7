-- Film and song search moved to in-memory word indexes (lib/text WordIndex, built once per
-- seed); these folded-title columns were written by every seed and never read.
ALTER TABLE "movie" DROP COLUMN "search_key";
ALTER TABLE "movie" DROP COLUMN "display_key";
ALTER TABLE "radio_song" DROP COLUMN "search_key";
