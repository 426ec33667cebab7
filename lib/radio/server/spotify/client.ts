/**
 * A small Spotify Web API client for the song radio: the client-credentials token (cached
 * until shortly before it expires), track search, playlist search and a playlist's items.
 * It speaks the Web API as it is since Spotify's February 2026 changes: search pages of at
 * most 10 results, and a playlist's entries at /v1/playlists/{id}/items (`item`, formerly
 * /tracks with `track`; both field names are read).
 *
 * Requests are built and sent by spotify-web-api-node (its request builder and HTTP manager,
 * superagent underneath). Its SpotifyWebApi facade hard-codes api.spotify.com and
 * accounts.spotify.com in module-level builders, so this client builds each request itself
 * with the library's builder and an explicit scheme / host / port: the same code talks to
 * Spotify or, in tests, to a local stand-in (SPOTIFY_API_URL / SPOTIFY_ACCOUNTS_URL), and
 * nothing global is patched.
 *
 * Rate limits: a 429 is waited out for its Retry-After (and every later request waits too,
 * until then); a wait longer than `maxWaitMs` is not slept but thrown as `rate_limited`, so
 * a web request gives up quickly while the crawl can wait minutes. 5xx answers, timeouts and
 * network errors are retried with exponential backoff (`maxRetries`), a 401 once with a fresh
 * token. Every answer is checked with a zod schema before it is used.
 */
import "server-only";
import { z } from "zod";
import baseRequest, { type SpotifyHttpMethod, type SpotifyHttpResult, type SpotifyRequestBuilder } from "spotify-web-api-node/src/base-request.js";
import httpManager from "spotify-web-api-node/src/http-manager.js";

export interface SpotifyConfig {
  clientId: string;
  clientSecret: string;
  /** Origin of the Web API, e.g. https://api.spotify.com. */
  apiUrl: string;
  /** Origin of the accounts service (token endpoint), e.g. https://accounts.spotify.com. */
  accountsUrl: string;
}

export interface SpotifyClientOptions {
  /** Retries after a 5xx answer, a timeout or a network error (then `unavailable`). */
  maxRetries?: number;
  /** Longest a request waits for rate limits in all (Retry-After, or the block another request hit); longer -> `rate_limited`. */
  maxWaitMs?: number;
  /** First backoff after a 5xx; doubles per retry, at most 30 s. */
  backoffMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Least time between two requests' starts (politeness on long crawls). */
  minIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

export type SpotifyErrorKind =
  /** The client credentials were refused. */
  | "auth"
  /** 429: Spotify asks to wait `retryAfterMs`, longer than this client may. */
  | "rate_limited"
  /** 5xx, timeouts or network errors, still after the retries. */
  | "unavailable"
  /** Any other 4xx (404 for a deleted playlist, 403, 400) or an answer of the wrong shape. */
  | "api";

export class SpotifyError extends Error {
  constructor(
    readonly kind: SpotifyErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "SpotifyError";
  }
}

export interface SpotifyStats {
  /** HTTP requests sent (token requests included), retries counted. */
  requests: number;
  tokenRequests: number;
  /** 429 answers, and the time spent waiting them out. */
  rateLimited: number;
  waitedMs: number;
  /** Retries after a 5xx, timeout or network error. */
  retries: number;
}

// ---------------------------------------------------------------------------------------------
// Answers (only the fields used; Spotify sends more)

const artistSchema = z.object({ name: z.string() });
const trackSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  artists: z.array(artistSchema),
  type: z.string().optional(),
  is_local: z.boolean().optional(),
});
export type SpotifyTrack = z.infer<typeof trackSchema>;

const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative(), next: z.string().nullable().optional() });

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const trackSearchSchema = z.object({ tracks: pageSchema(trackSchema) });
const countSchema = z.object({ total: z.number().int() }).nullable().optional();
const playlistSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ id: z.string(), display_name: z.string().nullable().optional() }).nullable().optional(),
  /** The entry count: `items` since February 2026, `tracks` before. */
  items: countSchema,
  tracks: countSchema,
});
// Spotify's playlist search sometimes returns null in place of a playlist it no longer shows.
const playlistSearchSchema = z.object({ playlists: pageSchema(playlistSchema.nullable()) });
const playlistItemsSchema = pageSchema(
  z.object({ item: trackSchema.nullable().optional(), track: trackSchema.nullable().optional(), is_local: z.boolean().optional() }),
);

export interface PlaylistRef {
  id: string;
  name: string;
  owner: string;
  totalTracks: number | null;
}

export interface Page<T> {
  items: T[];
  /** Entries in Spotify's page, before dropping the null ones it sometimes sends. */
  received: number;
  total: number;
  /** True when Spotify says there is a next page. */
  hasNext: boolean;
}

/** Largest search page Spotify serves (10 since February 2026; it answers 400 "Invalid limit" above). */
export const MAX_SEARCH_LIMIT = 10;
/** Largest page of a playlist's items. */
export const MAX_ITEMS_LIMIT = 100;

/** Spotify ids are 22 base-62 characters; anything else is not put into a URL path. */
export const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

// ---------------------------------------------------------------------------------------------

function builderFor(origin: string): SpotifyRequestBuilder {
  const url = new URL(origin);
  const scheme = url.protocol.replace(/:$/, "");
  return baseRequest
    .builder()
    .withScheme(scheme)
    .withHost(url.hostname)
    .withPort(url.port ? Number(url.port) : scheme === "https" ? 443 : 80);
}

function header(result: { headers?: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = result.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

interface FailedAnswer {
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** The message Spotify put in an error body ({error: {message}} or {error, error_description}). */
function spotifyMessage(body: unknown): string {
  if (body && typeof body === "object" && "error" in body) {
    const { error, error_description: description } = body as { error: unknown; error_description?: unknown };
    if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
    if (typeof error === "string") return description ? `${error}: ${String(description)}` : error;
  }
  return "";
}

class TimedOut extends Error {}

export class SpotifyClient {
  readonly stats: SpotifyStats = { requests: 0, tokenRequests: 0, rateLimited: 0, waitedMs: 0, retries: 0 };
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (line: string) => void;
  private token: { value: string; expiresAt: number } | undefined;
  private pendingToken: Promise<string> | undefined;
  /** No request before this time (a 429's Retry-After). */
  private blockedUntil = 0;
  private lastStart = -Infinity;

  constructor(
    readonly config: SpotifyConfig,
    options: SpotifyClientOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.minIntervalMs = options.minIntervalMs ?? 0;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = options.log ?? (() => undefined);
  }

  /** A client-credentials access token, reused until a minute before it expires; one request at a time. */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString("base64");
    const requestedAt = this.now();
    this.stats.tokenRequests++;
    const body = await this.send(
      "token",
      () =>
        builderFor(this.config.accountsUrl)
          .withPath("/api/token")
          .withBodyParameters({ grant_type: "client_credentials" })
          .withHeaders({ Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" })
          .build(),
      httpManager.post,
      tokenSchema,
      false,
    );
    // Renew a minute early (or at half-life for short-lived tokens) so no request carries a stale one.
    const lifetime = body.expires_in * 1000;
    this.token = { value: body.access_token, expiresAt: requestedAt + lifetime - Math.min(60_000, lifetime / 2) };
    return body.access_token;
  }

  /** Tracks matching a search query (Spotify's syntax, e.g. `track:"Grenade" artist:"Bruno Mars"`). */
  async searchTracks(query: string, limit = MAX_SEARCH_LIMIT): Promise<SpotifyTrack[]> {
    const body = await this.api("search tracks", "/v1/search", { type: "track", q: query, limit }, trackSearchSchema);
    return body.tracks.items;
  }

  /** One page of public playlists whose text matches the query. */
  async searchPlaylists(query: string, offset: number, limit = MAX_SEARCH_LIMIT): Promise<Page<PlaylistRef>> {
    const body = await this.api("search playlists", "/v1/search", { type: "playlist", q: query, offset, limit }, playlistSearchSchema);
    const { items, total, next } = body.playlists;
    return {
      items: items
        .filter((p): p is NonNullable<typeof p> => p !== null && SPOTIFY_ID.test(p.id))
        .map((p) => ({ id: p.id, name: p.name, owner: p.owner?.display_name || p.owner?.id || "", totalTracks: (p.items ?? p.tracks)?.total ?? null })),
      received: items.length,
      total,
      hasNext: Boolean(next),
    };
  }

  /** One page of a playlist's entries: tracks (null where Spotify has a gap), local files and episodes as they come. */
  async playlistItems(playlistId: string, offset: number, limit = MAX_ITEMS_LIMIT): Promise<Page<{ track: SpotifyTrack | null; isLocal: boolean }>> {
    if (!SPOTIFY_ID.test(playlistId)) throw new SpotifyError("api", `"${playlistId}" is not a Spotify playlist id.`);
    const body = await this.api("playlist items", `/v1/playlists/${playlistId}/items`, { offset, limit }, playlistItemsSchema);
    return {
      items: body.items.map((i) => {
        const track = i.item ?? i.track ?? null;
        return { track, isLocal: Boolean(i.is_local || track?.is_local) };
      }),
      received: body.items.length,
      total: body.total,
      hasNext: Boolean(body.next),
    };
  }

  private api<S extends z.ZodType>(what: string, path: string, query: Record<string, string | number>, schema: S): Promise<z.infer<S>> {
    return this.send(what, async () => builderFor(this.config.apiUrl).withPath(path).withQueryParameters(query).withAuth(await this.accessToken()).build(), httpManager.get, schema, true);
  }

  /** Sends one request with the waiting, retry and checking rules above. */
  private async send<S extends z.ZodType>(
    what: string,
    build: () => Promise<{ execute(method: SpotifyHttpMethod): Promise<SpotifyHttpResult> }> | { execute(method: SpotifyHttpMethod): Promise<SpotifyHttpResult> },
    method: SpotifyHttpMethod,
    schema: S,
    authenticated: boolean,
  ): Promise<z.infer<S>> {
    let retries = 0;
    let renewedToken = false;
    let waited = 0;
    for (;;) {
      waited += await this.waitForTurn(what, this.maxWaitMs - waited);
      const request = await build();
      this.stats.requests++;
      let result: SpotifyHttpResult;
      try {
        result = await this.withTimeout(request.execute(method));
      } catch (err) {
        const failed = err as FailedAnswer & { code?: string };
        const status = typeof failed.statusCode === "number" ? failed.statusCode : undefined;
        if (status === 429) {
          this.stats.rateLimited++;
          const wait = retryAfterMs(header(failed, "retry-after"), this.now()) ?? Math.min(30_000, this.backoffMs * 2 ** retries);
          this.blockedUntil = Math.max(this.blockedUntil, this.now() + wait);
          this.log(`[spotify] 429 on ${what}: Retry-After ${Math.ceil(wait / 1000)} s`);
          continue; // waitForTurn sleeps it out or throws rate_limited
        }
        if (status === 401 && authenticated && !renewedToken) {
          renewedToken = true;
          this.token = undefined;
          continue;
        }
        if (status !== undefined && status < 500) {
          const message = spotifyMessage(failed.body);
          if (!authenticated && (status === 400 || status === 401)) {
            throw new SpotifyError("auth", `Spotify refused the client credentials (${status}${message ? `: ${message}` : ""}).`, status);
          }
          throw new SpotifyError("api", `Spotify answered ${status} to ${what}${message ? `: ${message}` : ""}.`, status);
        }
        const problem = status !== undefined ? `answered ${status}` : err instanceof TimedOut ? `did not answer within ${this.timeoutMs / 1000} s` : `could not be reached (${failed.code ?? (err as Error).message})`;
        if (retries >= this.maxRetries) throw new SpotifyError("unavailable", `Spotify ${problem} to ${what}, ${retries + 1} times.`, status);
        const backoff = Math.min(30_000, this.backoffMs * 2 ** retries);
        retries++;
        this.stats.retries++;
        this.log(`[spotify] ${what}: Spotify ${problem}; retry ${retries}/${this.maxRetries} in ${backoff} ms`);
        this.stats.waitedMs += backoff;
        await this.sleep(backoff);
        continue;
      }
      const parsed = schema.safeParse(result.body);
      if (!parsed.success) throw new SpotifyError("api", `Spotify's answer to ${what} has an unexpected shape: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    }
  }

  /**
   * Sleeps out a rate-limit block (or throws when it is longer than the request may still wait)
   * and keeps minIntervalMs between starts; returns the rate-limit time slept.
   */
  private async waitForTurn(what: string, mayWaitMs: number): Promise<number> {
    const blocked = this.blockedUntil - this.now();
    if (blocked > 0) {
      if (blocked > mayWaitMs) {
        throw new SpotifyError("rate_limited", `Spotify's rate limit: ${what} must wait ${Math.ceil(blocked / 1000)} s.`, 429, blocked);
      }
      this.stats.waitedMs += blocked;
      await this.sleep(blocked);
    }
    const gap = this.lastStart + this.minIntervalMs - this.now();
    if (gap > 0) await this.sleep(gap);
    this.lastStart = this.now();
    return Math.max(0, blocked);
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut()), this.timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
