/**
 * Which Spotify search result is a radio song (pure; no I/O). The data set's titles carry
 * decorations Spotify spells differently ("Gucci Time (w/ Swizz Beatz)" vs "Gucci Time (feat.
 * Swizz Beatz)", "- 2011 Remaster"), and its artist field may name several artists ("Jay-Z &
 * Kanye West") where Spotify lists them one by one. The rule, in order:
 *   1. the title must match: folded equality (case, accents, punctuation ignored) first, else
 *      equality after dropping bracketed parts, "feat."/"w/" credits and " - Remaster"-style
 *      suffixes on both sides; anything else is not the song;
 *   2. an artist must match: one of the track's artists equals the song's whole artist field
 *      (folded), else one of its parts ("A & B", "A feat. B", "A, B", "A x B"); a song without
 *      an artist accepts any;
 *   3. the best (title tier, then artist tier) wins; ties go to Spotify's own order (popularity).
 * No match -> null, and the song is remembered as "not on Spotify" for a while.
 */
import "server-only";
import { foldText } from "@/lib/text/fold";

export interface SongText {
  title: string;
  artist: string;
}

export interface TrackText {
  name: string;
  artists: readonly string[];
}

const BRACKETED = /\s*[([{][^)\]}]*[)\]}]/g;
// Not "with": "Stay With Me" is a title, not a credit.
const CREDIT = /\s+(?:feat\.?|ft\.?|featuring|w\/)\s+.*$/i;
const VERSION_SUFFIX = /\s+-\s+.*\b(?:remaster(?:ed)?|live|version|edit|mix|mono|stereo|single|acoustic|demo|remix|radio)\b.*$/i;

/** The title without bracketed parts, featured-artist credits and version suffixes (raw text, not folded). */
export function bareTitle(title: string): string {
  const bare = title.replace(BRACKETED, "").replace(VERSION_SUFFIX, "").replace(CREDIT, "").replace(/\s+/g, " ").trim();
  return bare || title.trim();
}

const ARTIST_SEPARATORS = /\s*(?:&|,|;|\/|\+|\bfeat\.?|\bft\.?|\bfeaturing\b|\bwith\b|\bvs\.?|\bx\b|\band\b)\s*/i;

/** The artists named in a data-set artist field: the whole field first, then its parts. */
export function artistParts(artist: string): string[] {
  const whole = artist.trim();
  if (!whole) return [];
  const parts = whole.split(ARTIST_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  return [...new Set([whole, ...parts])];
}

/** The search query for a song: Spotify's field filters on the bare title and the first artist named. */
export function trackSearchQuery(song: SongText): string {
  const clean = (text: string) => text.replace(/["]/g, " ").replace(/\s+/g, " ").trim();
  const title = clean(bareTitle(song.title));
  const [, firstPart] = artistParts(song.artist);
  const artist = clean(firstPart ?? song.artist);
  return artist ? `track:"${title}" artist:"${artist}"` : `track:"${title}"`;
}

/** 0 when the track is not the song; else higher is better (title tier x 10 + artist tier). */
export function matchScore(song: SongText, track: TrackText): number {
  const titleTier = foldText(song.title) === foldText(track.name) ? 2 : foldText(bareTitle(song.title)) === foldText(bareTitle(track.name)) ? 1 : 0;
  if (titleTier === 0) return 0;
  const trackArtists = new Set(track.artists.map(foldText));
  const [whole, ...parts] = artistParts(song.artist).map(foldText);
  let artistTier: number;
  if (whole === undefined) artistTier = 1;
  else if (trackArtists.has(whole)) artistTier = 2;
  else if (parts.some((p) => p && trackArtists.has(p))) artistTier = 1;
  else return 0;
  return titleTier * 10 + artistTier;
}

/** The best matching track (first in Spotify's order among equals), or null. */
export function bestTrack<T extends TrackText>(song: SongText, tracks: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = 0;
  for (const track of tracks) {
    const score = matchScore(song, track);
    if (score > bestScore) {
      best = track;
      bestScore = score;
    }
  }
  return best;
}
