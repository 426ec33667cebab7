/**
 * `npm run radio:crawl`: collects public Spotify playlists the way the original did. Search
 * playlists for a word (first "a"), store every playlist the search returns, fetch each one's
 * tracks, then search for the most frequent word of the titles collected so far that was not
 * searched yet (words.ts), and repeat.
 *
 * Everything is in Postgres, so a crawl stops at any point (--max-playlists, --max-minutes,
 * Ctrl-C, a rate-limit wait longer than the client may sleep) and the next run resumes: the
 * words searched and the offset of the next search page (`radio_crawl_word`), the playlists
 * seen and whether their tracks are in (`radio_crawl_playlist`), and the tracks
 * (`radio_crawl_track`). A search page is stored in one transaction with its word's next
 * offset; a playlist's tracks in one transaction with its status, so nothing is half-written.
 * Pending playlists are fetched before the next search page.
 */
import "server-only";
import type { SqlDb } from "@/lib/db";
import { MAX_ITEMS_LIMIT, MAX_SEARCH_LIMIT, SpotifyError, type SpotifyClient } from "./client";
import { storableText, utcTimestamp } from "./links";
import { nextSearchWord } from "./words";

/** Spotify's search pages: at most 10 results each (since February 2026), offset + limit at most 1,000. */
export const SEARCH_PAGE = MAX_SEARCH_LIMIT;
export const SEARCH_MAX_RESULTS = 1000;
/** Playlist items per request (Spotify's maximum). */
export const TRACKS_PAGE = MAX_ITEMS_LIMIT;
/**
 * This many playlists refused in a row (403) stops the crawl: since 2026 Spotify serves a
 * Development Mode app only the items of playlists its user owns, which a client-credentials
 * crawl has none of (data/radio/SPOTIFY.md).
 */
export const MAX_REFUSED_IN_A_ROW = 20;
/** Tracks kept per playlist by default; longer playlists are marked truncated (training drops overlong ones anyway). */
export const DEFAULT_MAX_TRACKS = 500;

export type CrawlStopReason = "max-playlists" | "max-minutes" | "stopped" | "no-words-left" | "refused";

export interface CrawlOptions {
  /** Stop after this many playlists' tracks were stored in this run. */
  maxPlaylists?: number;
  /** Stop starting new requests after this many minutes. */
  maxMinutes?: number;
  /** Tracks kept per playlist. */
  maxTracks?: number;
  /** Results per search request and items per playlist-tracks request (Spotify's maxima by default; tests page in twos). */
  searchPageSize?: number;
  tracksPageSize?: number;
  /** Asked before every step; true stops the crawl cleanly (Ctrl-C). */
  shouldStop?: () => boolean;
  now?: () => number;
  log?: (line: string) => void;
  /** After every stored playlist. */
  onPlaylist?: (progress: CrawlProgress) => void;
}

export interface CrawlProgress {
  playlistsFetched: number;
  tracksStored: number;
  word: string | null;
}

export interface CrawlReport extends CrawlProgress {
  stopReason: CrawlStopReason;
  /** Words whose search this run started or continued, in order. */
  words: string[];
  /** Playlists the searches of this run added. */
  playlistsSeen: number;
  /** Playlists Spotify refused the tracks of (404/403), marked unavailable. */
  unavailable: number;
  /** Set when stopReason is "refused": what Spotify refused and why that likely is. */
  message?: string;
}

interface WordRow {
  word: string;
  next_offset: number;
}

/** The word being searched (an unfinished one), else the next one to start (inserted); null when no word is left. */
async function currentWord(db: SqlDb, now: number): Promise<WordRow | null> {
  const [open] = await db.sql.query<WordRow>(`SELECT word, next_offset FROM radio_crawl_word WHERE NOT done ORDER BY rank LIMIT 1`);
  if (open) return { word: open.word, next_offset: Number(open.next_offset) };
  const searched = new Set((await db.sql.query<{ word: string }>(`SELECT word FROM radio_crawl_word`)).map((r) => r.word));
  const titles = (await db.sql.query<{ name: string }>(`SELECT name FROM radio_crawl_playlist ORDER BY seq`)).map((r) => r.name);
  const word = nextSearchWord(titles, searched);
  if (word === null) return null;
  await db.sql.query(
    `INSERT INTO radio_crawl_word (word, rank, started_at) SELECT $1, coalesce(max(rank), 0) + 1, ${utcTimestamp("$2")} FROM radio_crawl_word`,
    [word, now],
  );
  return { word, next_offset: 0 };
}

/** Searches one page of playlists for the word and stores them with the word's next offset; returns the playlists added. */
async function searchPage(db: SqlDb, client: SpotifyClient, word: WordRow, pageSize: number, now: number): Promise<number> {
  const offset = word.next_offset;
  const page = await client.searchPlaylists(word.word, offset, Math.min(pageSize, SEARCH_MAX_RESULTS - offset));
  const nextOffset = offset + pageSize;
  const done = !page.hasNext || page.received === 0 || nextOffset >= Math.min(page.total, SEARCH_MAX_RESULTS);
  return db.sql.transaction(async (tx) => {
    const added = page.items.length
      ? await tx.query<{ id: string }>(
          `INSERT INTO radio_crawl_playlist (id, name, owner, word, total_tracks, seen_at)
           SELECT p.id, p.name, p.owner, $2, p.total_tracks, ${utcTimestamp("$3")}
             FROM jsonb_to_recordset($1::jsonb) AS p(i int, id text, name text, owner text, total_tracks int)
            ORDER BY p.i
           ON CONFLICT (id) DO NOTHING
           RETURNING id`,
          [JSON.stringify(page.items.map((p, i) => ({ i, id: p.id, name: storableText(p.name), owner: storableText(p.owner), total_tracks: p.totalTracks }))), word.word, now],
        )
      : [];
    await tx.query(
      `UPDATE radio_crawl_word SET next_offset = $2, total = $3, done = $4, finished_at = CASE WHEN $4 THEN ${utcTimestamp("$5")} END WHERE word = $1`,
      [word.word, nextOffset, page.total, done, now],
    );
    return added.length;
  });
}

interface StoredTrack {
  position: number;
  track_id: string | null;
  title: string;
  artist: string;
  artists: string[];
}

/** Fetches a pending playlist's tracks (page by page, up to maxTracks) and stores them with its new status. */
async function fetchPlaylist(
  db: SqlDb,
  client: SpotifyClient,
  playlistId: string,
  { maxTracks, pageSize }: { maxTracks: number; pageSize: number },
  now: () => number,
): Promise<{ tracks: number; unavailable: false } | { tracks: 0; unavailable: true; status: number }> {
  const tracks: StoredTrack[] = [];
  let truncated = false;
  try {
    for (let offset = 0; ; offset += pageSize) {
      const page = await client.playlistItems(playlistId, offset, pageSize);
      for (const { track, isLocal } of page.items) {
        if (!track || isLocal || (track.type && track.type !== "track") || !track.name || !track.artists.length) continue;
        const artists = track.artists.map((a) => storableText(a.name));
        tracks.push({ position: tracks.length, track_id: track.id, title: storableText(track.name), artist: artists[0], artists });
      }
      if (tracks.length >= maxTracks) {
        truncated = tracks.length > maxTracks || page.hasNext;
        tracks.length = Math.min(tracks.length, maxTracks);
        break;
      }
      if (!page.hasNext || page.received === 0) break;
    }
  } catch (err) {
    // A deleted or private playlist, or one Spotify does not serve to client-credential apps.
    if (err instanceof SpotifyError && err.kind === "api" && (err.status === 404 || err.status === 403)) {
      await db.sql.query(`UPDATE radio_crawl_playlist SET status = 'unavailable', fetched_at = ${utcTimestamp("$2")} WHERE id = $1`, [playlistId, now()]);
      return { tracks: 0, unavailable: true, status: err.status };
    }
    throw err;
  }
  await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM radio_crawl_track WHERE playlist_id = $1`, [playlistId]);
    if (tracks.length) {
      await tx.query(
        `INSERT INTO radio_crawl_track (playlist_id, position, track_id, title, artist, artists)
         SELECT $1, position, track_id, title, artist, artists
           FROM jsonb_to_recordset($2::jsonb) AS t(position int, track_id text, title text, artist text, artists text[])`,
        [playlistId, JSON.stringify(tracks)],
      );
    }
    await tx.query(`UPDATE radio_crawl_playlist SET status = 'fetched', truncated = $2, fetched_at = ${utcTimestamp("$3")} WHERE id = $1`, [playlistId, truncated, now()]);
  });
  return { tracks: tracks.length, unavailable: false };
}

/** Runs the crawl until a stop condition; resumes from whatever an earlier run left in the database. */
export async function crawlPlaylists(db: SqlDb, client: SpotifyClient, options: CrawlOptions = {}): Promise<CrawlReport> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const fetching = { maxTracks: options.maxTracks ?? DEFAULT_MAX_TRACKS, pageSize: options.tracksPageSize ?? TRACKS_PAGE };
  const searchPageSize = options.searchPageSize ?? SEARCH_PAGE;
  const deadline = options.maxMinutes === undefined ? Infinity : now() + options.maxMinutes * 60_000;
  const report: CrawlReport = { stopReason: "stopped", words: [], playlistsSeen: 0, playlistsFetched: 0, tracksStored: 0, unavailable: 0, word: null };

  const stopReason = (): CrawlStopReason | null => {
    if (options.shouldStop?.()) return "stopped";
    if (options.maxPlaylists !== undefined && report.playlistsFetched >= options.maxPlaylists) return "max-playlists";
    if (now() >= deadline) return "max-minutes";
    return null;
  };

  let refusedInARow = 0;
  for (;;) {
    const stop = stopReason();
    if (stop) {
      report.stopReason = stop;
      return report;
    }
    const [pending] = await db.sql.query<{ id: string; name: string }>(`SELECT id, name FROM radio_crawl_playlist WHERE status = 'pending' ORDER BY seq LIMIT 1`);
    if (pending) {
      const fetched = await fetchPlaylist(db, client, pending.id, fetching, now);
      if (fetched.unavailable) {
        report.unavailable++;
        log(`playlist ${pending.id} "${pending.name}": Spotify answered ${fetched.status}, skipped`);
        refusedInARow = fetched.status === 403 ? refusedInARow + 1 : 0;
        if (refusedInARow >= MAX_REFUSED_IN_A_ROW) {
          report.stopReason = "refused";
          report.message =
            `Spotify refused the items of ${refusedInARow} playlists in a row (403). Since 2026 it serves a Development Mode app ` +
            `only the items of playlists its own user owns or collaborates on; crawling other people's public playlists needs an app ` +
            `with extended quota. Nothing is lost: the refused playlists are marked unavailable.`;
          return report;
        }
        continue;
      }
      refusedInARow = 0;
      report.playlistsFetched++;
      report.tracksStored += fetched.tracks;
      options.onPlaylist?.({ playlistsFetched: report.playlistsFetched, tracksStored: report.tracksStored, word: report.word });
      continue;
    }
    const word = await currentWord(db, now());
    if (!word) {
      report.stopReason = "no-words-left";
      return report;
    }
    if (report.word !== word.word) {
      report.word = word.word;
      report.words.push(word.word);
      log(`searching playlists for "${word.word}"${word.next_offset ? ` from result ${word.next_offset}` : ""}`);
    }
    report.playlistsSeen += await searchPage(db, client, word, searchPageSize, now());
  }
}

/** Summary counts of everything crawled so far (all runs). */
export async function crawlTotals(db: SqlDb): Promise<{ words: number; playlists: number; fetched: number; pending: number; unavailable: number; tracks: number }> {
  const [row] = await db.sql.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM radio_crawl_word)::int AS words,
            (SELECT count(*) FROM radio_crawl_playlist)::int AS playlists,
            (SELECT count(*) FROM radio_crawl_playlist WHERE status = 'fetched')::int AS fetched,
            (SELECT count(*) FROM radio_crawl_playlist WHERE status = 'pending')::int AS pending,
            (SELECT count(*) FROM radio_crawl_playlist WHERE status = 'unavailable')::int AS unavailable,
            (SELECT count(*) FROM radio_crawl_track)::int AS tracks`,
  );
  return { words: Number(row.words), playlists: Number(row.playlists), fetched: Number(row.fetched), pending: Number(row.pending), unavailable: Number(row.unavailable), tracks: Number(row.tracks) };
}

/**
 * The crawled playlists for training (`radio:train --with-crawled`): each fetched playlist's
 * tracks as { title, artist (first credited) }, in crawl order; empty playlists left out.
 */
export async function loadCrawledPlaylists(db: SqlDb): Promise<{ title: string; artist: string }[][]> {
  const rows = await db.sql.query<{ playlist_id: string; title: string; artist: string }>(
    `SELECT t.playlist_id, t.title, t.artist
       FROM radio_crawl_track t JOIN radio_crawl_playlist p ON p.id = t.playlist_id
      WHERE p.status = 'fetched'
      ORDER BY p.seq, t.position`,
  );
  const playlists: { title: string; artist: string }[][] = [];
  let current: string | undefined;
  for (const r of rows) {
    if (r.playlist_id !== current) {
      playlists.push([]);
      current = r.playlist_id;
    }
    playlists[playlists.length - 1].push({ title: r.title, artist: r.artist });
  }
  return playlists;
}
