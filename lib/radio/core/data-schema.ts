// The compact files under data/radio/ that `npm run radio:train` writes and the radio seed
// step reads. One zod schema per file, so the pipeline and the server agree on the shape.

import { z } from "zod";

/** A song as the catalogue keeps it after cleaning (merged duplicate ids, unescaped text). */
export const radioSongSchema = z.object({
  /** The data set's song id (the number in song_hash.txt); the lowest of merged ids. */
  id: z.number().int().nonnegative(),
  title: z.string(),
  /** "" when the data set says "-" (unknown artist). */
  artist: z.string(),
  /** Other ids the same title + artist appears under; any of them works as a seed. */
  aliases: z.array(z.number().int().nonnegative()),
  /** Last.fm tags from tags.txt (tag names, not ids); [] when untagged. */
  tags: z.array(z.string()),
  /** Tags the per-tag classifiers give from the song vector: tag + probability, best first. */
  predictedTags: z.array(z.object({ tag: z.string(), p: z.number().min(0).max(1) })),
  /** Plays in the training playlists (after merging ids). */
  plays: z.number().int().nonnegative(),
  /** 2-D map position in [0, 1] x [0, 1]. */
  x: z.number(),
  y: z.number(),
});
export type RadioSong = z.infer<typeof radioSongSchema>;

/**
 * data/radio/songs.json: every song that has a vector (the word2vec vocabulary), in the
 * same order as the rows of data/radio/song-vectors.f16 (float16, `dims` per row).
 */
export const radioSongsFileSchema = z.object({
  dims: z.number().int().positive(),
  songs: z.array(radioSongSchema),
});
export type RadioSongsFile = z.infer<typeof radioSongsFileSchema>;

/** data/radio/tags.json: the Last.fm tags the map colours by and the classifiers predict. */
export const radioTagsFileSchema = z.object({
  tags: z.array(
    z.object({
      tag: z.string(),
      /** Songs carrying the tag in the data set. */
      songs: z.number().int().nonnegative(),
      /** Held-out ROC AUC of the tag's classifier; null when the tag has no classifier. */
      auc: z.number().nullable(),
      /** Probability at or above which the tag is shown as predicted. */
      threshold: z.number().nullable(),
      /** CSS colour for the map legend; null when the map does not colour by it. */
      colour: z.string().nullable(),
    }),
  ),
});
export type RadioTagsFile = z.infer<typeof radioTagsFileSchema>;
