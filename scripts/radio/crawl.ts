// `npm run radio:crawl`: collect public Spotify playlists the way the original did (search
// playlists for "a", store them and their tracks, then search for the most frequent title word
// not searched yet, and repeat) into the configured database, resumably. See data/radio/SPOTIFY.md.
//
//   npm run radio:crawl -- [--max-playlists N] [--max-minutes M] [--max-tracks 500]
//                          [--interval-ms 100] [--max-wait-minutes 15] [--search-page 10]
//
// Needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET. Stops at --max-playlists (playlists stored
// by this run), --max-minutes, Ctrl-C (after the request in flight), when no word is left, or
// when Spotify asks to wait longer than --max-wait-minutes, or when it refuses playlist after
// playlist (403: a Development Mode app); run it again to go on. With the
// embedded database, stop the server first (PGlite opens a data directory once).

import { openDatabase, targetFromEnv } from "@/lib/db";
import { env } from "@/lib/env";
import { createProgressTracker, formatDuration, formatProgressLine } from "@/lib/progress";
import { crawlPlaylists, crawlTotals, SpotifyClient, SpotifyError, spotifyConfig } from "@/lib/radio/server/spotify";
import { DEFAULT_MAX_TRACKS, SEARCH_PAGE } from "@/lib/radio/server/spotify/crawl";

interface Args {
  maxPlaylists?: number;
  maxMinutes?: number;
  maxTracks: number;
  intervalMs: number;
  maxWaitMinutes: number;
  searchPage: number;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { maxTracks: DEFAULT_MAX_TRACKS, intervalMs: 100, maxWaitMinutes: 15, searchPage: SEARCH_PAGE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const number = (min: number) => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < min) throw new Error(`${a} needs a number >= ${min}`);
      return v;
    };
    if (a === "--max-playlists") out.maxPlaylists = Math.floor(number(1));
    else if (a === "--max-minutes") out.maxMinutes = number(0);
    else if (a === "--max-tracks") out.maxTracks = Math.floor(number(1));
    else if (a === "--interval-ms") out.intervalMs = number(0);
    else if (a === "--max-wait-minutes") out.maxWaitMinutes = number(0);
    else if (a === "--search-page") out.searchPage = Math.min(50, Math.floor(number(1)));
    else throw new Error(`unknown argument ${a} (see the top of scripts/radio/crawl.ts)`);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const config = spotifyConfig(env());
  if ("missing" in config) {
    console.error(
      `radio:crawl needs a Spotify app's client credentials: ${config.missing.join(" and ")} ${config.missing.length > 1 ? "are" : "is"} not set.\n` +
        `With them it searches Spotify for public playlists ("a" first, then the most frequent title word not searched yet),\n` +
        `stores each playlist's tracks in the database, and \`npm run radio:train -- --with-crawled\` trains on them too.\n` +
        `See data/radio/SPOTIFY.md.`,
    );
    return 1;
  }

  const db = await openDatabase(targetFromEnv(), { log: (line) => console.log(line) });
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log("\n[crawl] stopping after the request in flight (Ctrl-C again to quit at once)");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const client = new SpotifyClient(config, {
    maxRetries: 5,
    maxWaitMs: args.maxWaitMinutes * 60_000,
    backoffMs: 1000,
    timeoutMs: 30_000,
    minIntervalMs: args.intervalMs,
    log: (line) => console.log(line),
  });
  const before = await crawlTotals(db);
  console.log(
    `[crawl] so far: ${before.words} words searched, ${before.playlists} playlists seen (${before.fetched} stored, ${before.pending} pending, ${before.unavailable} unavailable), ${before.tracks} tracks`,
  );
  const started = Date.now();
  const word = (w: string | null) => (w ? `"${w}"  ` : "");
  const byCount = args.maxPlaylists ? createProgressTracker(args.maxPlaylists) : null;
  try {
    const report = await crawlPlaylists(db, client, {
      maxPlaylists: args.maxPlaylists,
      maxMinutes: args.maxMinutes,
      maxTracks: args.maxTracks,
      searchPageSize: args.searchPage,
      shouldStop: () => stopping,
      log: (line) => console.log(`[crawl] ${line}`),
      onPlaylist: (p) => {
        const requests = `${client.stats.requests} requests, ${client.stats.rateLimited} rate-limited`;
        if (byCount) {
          console.log(`${formatProgressLine("[crawl] playlists", byCount.update(p.playlistsFetched))}  ${p.tracksStored} tracks  ${word(p.word)}${requests}`);
        } else {
          const elapsed = (Date.now() - started) / 1000;
          const left = args.maxMinutes === undefined ? "until no word is left" : `${formatDuration(Math.max(0, args.maxMinutes * 60 - elapsed))} left`;
          console.log(`[crawl] ${p.playlistsFetched} playlists, ${p.tracksStored} tracks in ${formatDuration(elapsed)} (${left})  ${word(p.word)}${requests}`);
        }
      },
    });
    const after = await crawlTotals(db);
    console.log(
      `[crawl] stopped (${report.stopReason}): this run ${report.playlistsFetched} playlists, ${report.tracksStored} tracks, ${report.playlistsSeen} new playlists seen, ` +
        `${report.unavailable} unavailable, words ${report.words.map((w) => `"${w}"`).join(", ") || "none"}; ` +
        `${client.stats.requests} requests, ${client.stats.rateLimited} rate-limited, ${Math.round(client.stats.waitedMs / 1000)} s waited`,
    );
    console.log(`[crawl] in the database: ${after.words} words, ${after.playlists} playlists (${after.fetched} stored, ${after.pending} pending), ${after.tracks} tracks`);
    if (report.message) console.error(`[crawl] ${report.message}`);
    return report.stopReason === "refused" ? 3 : 0;
  } catch (err) {
    if (!(err instanceof SpotifyError)) throw err;
    console.error(`[crawl] stopped: ${err.message} Everything so far is stored; run it again to resume.`);
    return 2;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
