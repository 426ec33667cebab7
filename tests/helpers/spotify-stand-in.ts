/**
 * A local HTTP stand-in for the parts of Spotify's Web API the radio uses, answering in
 * Spotify's shapes as of its February 2026 changes: the client-credentials token endpoint
 * (POST /api/token, Basic auth), track search and playlist search (GET /v1/search, with
 * `track:"..." artist:"..."` field filters, at most 10 results a page, the 1,000-result offset
 * cap), and a playlist's items (GET /v1/playlists/{id}/items, `item` per entry, paged; 404 for
 * unknown or unavailable playlists, 403 for ones a Development Mode app may not read). Bearer
 * tokens are checked (401 when unknown or expired). `fail()` queues faults for matching
 * requests (429 with Retry-After, 5xx, any status), each used once; every request is logged.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { foldText } from "@/lib/text/fold";

export interface StandInTrack {
  id: string;
  name: string;
  artists: string[];
  /** Higher first in search results (Spotify orders by relevance and popularity). */
  popularity?: number;
}

export type StandInEntry = StandInTrack | null | { local: string };

export interface StandInPlaylist {
  id: string;
  name: string;
  owner: string;
  entries: StandInEntry[];
  /** Its items answer 404 (deleted or private). */
  unavailable?: boolean;
  /** Its items answer 403 (Spotify serves a Development Mode app only its own user's playlists). */
  forbidden?: boolean;
}

export interface StandInOptions {
  clientId?: string;
  clientSecret?: string;
  tracks?: StandInTrack[];
  playlists?: StandInPlaylist[];
  tokenLifetimeSeconds?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface Fault {
  status: number;
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string;
  body?: unknown;
}

export interface SpotifyStandIn {
  /** Origin, e.g. http://127.0.0.1:43210: use as both SPOTIFY_API_URL and SPOTIFY_ACCOUNTS_URL. */
  url: string;
  clientId: string;
  clientSecret: string;
  requests: LoggedRequest[];
  /** Requests to a path starting with `pathPrefix` (and, if given, whose `type` query is `type`) get `fault`, once per call. */
  fail(pathPrefix: string, fault: Fault, type?: string): void;
  /** Every token issued so far stops working (401). */
  expireTokens(): void;
  count(pathPrefix: string, type?: string): number;
  close(): Promise<void>;
}

/** A clock for the client's `now` / `sleep` options: sleeping advances it at once and is recorded. */
export function fakeClock(start = Date.UTC(2026, 11, 1)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
    sleeps,
  };
}

/** A deterministic 22-character base-62 id, like Spotify's. */
export function spotifyId(seed: string): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let h = 2166136261;
  let id = "";
  for (let i = 0; id.length < 22; i++) {
    h = Math.imul(h ^ (seed.charCodeAt(i % Math.max(1, seed.length)) + i), 16777619) >>> 0;
    id += alphabet[h % 62];
  }
  return id;
}

const words = (text: string) => foldText(text).split(" ").filter(Boolean);
const containsAll = (haystack: string, needle: string) => {
  const have = new Set(words(haystack));
  return words(needle).every((w) => have.has(w));
};

/** Spotify's query syntax, as far as the radio uses it: field filters plus free words. */
function parseQuery(q: string): { track?: string; artist?: string; free: string } {
  const out: { track?: string; artist?: string; free: string } = { free: "" };
  const rest = q.replace(/(track|artist):(?:"([^"]*)"|(\S+))/g, (_, field: "track" | "artist", quoted?: string, bare?: string) => {
    out[field] = quoted ?? bare ?? "";
    return " ";
  });
  out.free = rest.trim();
  return out;
}

export async function startSpotifyStandIn(options: StandInOptions = {}): Promise<SpotifyStandIn> {
  const clientId = options.clientId ?? "stand-in-client";
  const clientSecret = options.clientSecret ?? "stand-in-secret";
  const tracks = options.tracks ?? [];
  const playlists = options.playlists ?? [];
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const tokens = new Map<string, number>(); // token -> expiry (ms)
  const faults: { pathPrefix: string; type?: string; fault: Fault }[] = [];
  const requests: LoggedRequest[] = [];
  let issued = 0;
  let origin = "";

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const apiError = (res: http.ServerResponse, status: number, message: string) => send(res, status, { error: { status, message } });

  const page = <T>(items: T[], offset: number, limit: number, path: string, extra: Record<string, string>) => {
    const slice = items.slice(offset, offset + limit);
    const more = offset + limit < items.length;
    const qs = new URLSearchParams({ ...extra, offset: String(offset + limit), limit: String(limit) });
    return { href: `${origin}${path}`, items: slice, limit, offset, total: items.length, next: more ? `${origin}${path}?${qs}` : null, previous: null };
  };

  const trackJson = (t: StandInTrack) => ({
    id: t.id,
    name: t.name,
    type: "track",
    is_local: false,
    popularity: t.popularity ?? 0,
    artists: t.artists.map((name) => ({ name, id: spotifyId(name), type: "artist" })),
    external_urls: { spotify: `https://open.spotify.com/track/${t.id}` },
  });

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const query = Object.fromEntries(url.searchParams);
      requests.push({ method: req.method ?? "", path: url.pathname, query });

      const faultAt = faults.findIndex((f) => url.pathname.startsWith(f.pathPrefix) && (f.type === undefined || f.type === query.type));
      if (faultAt >= 0) {
        const [{ fault }] = faults.splice(faultAt, 1);
        return send(res, fault.status, fault.body ?? { error: { status: fault.status, message: `stand-in fault ${fault.status}` } }, fault.retryAfter ? { "Retry-After": fault.retryAfter } : {});
      }

      if (req.method === "POST" && url.pathname === "/api/token") {
        const form = new URLSearchParams(body);
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
        if (req.headers.authorization !== expected) return send(res, 400, { error: "invalid_client", error_description: "Invalid client" });
        if (form.get("grant_type") !== "client_credentials") return send(res, 400, { error: "unsupported_grant_type", error_description: "grant_type must be client_credentials" });
        const token = `stand-in-token-${++issued}`;
        tokens.set(token, Date.now() + lifetime * 1000);
        return send(res, 200, { access_token: token, token_type: "Bearer", expires_in: lifetime });
      }

      if (req.method !== "GET" || !url.pathname.startsWith("/v1/")) return apiError(res, 404, "Service not found");
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !tokens.has(bearer)) return apiError(res, 401, "Invalid access token");
      if (tokens.get(bearer)! <= Date.now()) return apiError(res, 401, "The access token expired");

      const limit = Number(query.limit ?? 20);
      const offset = Number(query.offset ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) return apiError(res, 400, "Invalid limit or offset");

      if (url.pathname === "/v1/search") {
        if (limit > 10) return apiError(res, 400, "Invalid limit");
        if (offset + limit > 1000) return apiError(res, 400, "Invalid offset");
        const q = parseQuery(query.q ?? "");
        if (query.type === "track") {
          const found = tracks
            .filter((t) => (!q.track || containsAll(t.name, q.track)) && (!q.artist || t.artists.some((a) => containsAll(a, q.artist!))) && (!q.free || containsAll(`${t.name} ${t.artists.join(" ")}`, q.free)))
            .sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0));
          return send(res, 200, { tracks: page(found.map(trackJson), offset, limit, "/v1/search", { q: query.q ?? "", type: "track" }) });
        }
        if (query.type === "playlist") {
          const found = playlists
            .filter((p) => containsAll(p.name, q.free))
            .map((p) => ({ id: p.id, name: p.name, type: "playlist", owner: { id: foldText(p.owner).replace(/ /g, ""), display_name: p.owner }, items: { href: `${origin}/v1/playlists/${p.id}/items`, total: p.entries.length } }));
          return send(res, 200, { playlists: page(found, offset, limit, "/v1/search", { q: query.q ?? "", type: "playlist" }) });
        }
        return apiError(res, 400, "Bad search type field");
      }

      const itemsPath = /^\/v1\/playlists\/([0-9A-Za-z]+)\/items$/.exec(url.pathname);
      if (itemsPath) {
        const playlist = playlists.find((p) => p.id === itemsPath[1]);
        if (!playlist || playlist.unavailable) return apiError(res, 404, "Resource not found");
        if (playlist.forbidden) return apiError(res, 403, "Forbidden");
        const items = playlist.entries.map((e) =>
          e === null ? { item: null, is_local: false } : "local" in e ? { is_local: true, item: { id: null, name: e.local, type: "track", is_local: true, artists: [] } } : { is_local: false, item: trackJson(e) },
        );
        return send(res, 200, page(items, offset, limit, url.pathname, {}));
      }
      return apiError(res, 404, "Service not found");
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    clientId,
    clientSecret,
    requests,
    fail(pathPrefix, fault, type) {
      faults.push({ pathPrefix, fault, type });
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    count(pathPrefix, type) {
      return requests.filter((r) => r.path.startsWith(pathPrefix) && (type === undefined || r.query.type === type)).length;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
