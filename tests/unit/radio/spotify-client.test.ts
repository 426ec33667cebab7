/**
 * The Spotify client (lib/radio/server/spotify/client.ts) against the local stand-in: the
 * client-credentials token and its cache, 401 renewal, 429 + Retry-After, 5xx backoff, and
 * the errors it gives up with. Time is a fake clock: sleeping advances it, nothing waits.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryAfterMs, SpotifyClient, SpotifyError, type SpotifyClientOptions } from "@/lib/radio/server/spotify/client";
import { fakeClock, spotifyId, startSpotifyStandIn, type SpotifyStandIn } from "../../helpers/spotify-stand-in";

let standIn: SpotifyStandIn;
const grenade = { id: spotifyId("grenade"), name: "Grenade", artists: ["Bruno Mars"], popularity: 80 };

beforeAll(async () => {
  standIn = await startSpotifyStandIn({ tracks: [grenade], playlists: [], tokenLifetimeSeconds: 3600 });
});
afterAll(() => standIn?.close());

function client(options: SpotifyClientOptions & { secret?: string; url?: string } = {}) {
  const clock = fakeClock();
  const url = options.url ?? standIn.url;
  const c = new SpotifyClient(
    { clientId: standIn.clientId, clientSecret: options.secret ?? standIn.clientSecret, apiUrl: url, accountsUrl: url },
    { now: clock.now, sleep: clock.sleep, ...options },
  );
  return { c, clock };
}

const tokenRequests = () => standIn.count("/api/token");

describe("SpotifyClient", () => {
  it("gets one client-credentials token and reuses it until shortly before it expires", async () => {
    const { c, clock } = client();
    const before = tokenRequests();
    // Three concurrent first calls share one token request.
    await Promise.all([c.searchTracks("track:Grenade"), c.searchTracks("track:Grenade"), c.searchTracks("track:Grenade")]);
    await c.searchTracks("track:Grenade");
    expect(tokenRequests() - before).toBe(1);
    clock.advance(3600_000 - 61_000); // still more than a minute left
    await c.searchTracks("track:Grenade");
    expect(tokenRequests() - before).toBe(1);
    clock.advance(2_000); // within the last minute: renewed before use
    await c.searchTracks("track:Grenade");
    expect(tokenRequests() - before).toBe(2);
    expect(c.stats.tokenRequests).toBe(2);
  });

  it("finds tracks with Spotify's field filters", async () => {
    const { c } = client();
    const found = await c.searchTracks('track:"Grenade" artist:"Bruno Mars"');
    expect(found.map((t) => [t.id, t.name, t.artists[0].name])).toEqual([[grenade.id, "Grenade", "Bruno Mars"]]);
    expect(await c.searchTracks('track:"Grenade" artist:"Somebody Else"')).toEqual([]);
  });

  it("renews a token Spotify no longer accepts (401), once", async () => {
    const { c } = client();
    await c.searchTracks("track:Grenade");
    const before = tokenRequests();
    standIn.expireTokens();
    expect(await c.searchTracks("track:Grenade")).toHaveLength(1);
    expect(tokenRequests() - before).toBe(1);
  });

  it("waits out a 429 for its Retry-After, and later requests wait too", async () => {
    const { c, clock } = client();
    await c.searchTracks("track:Grenade");
    standIn.fail("/v1/search", { status: 429, retryAfter: "2" });
    const searches = standIn.count("/v1/search");
    expect(await c.searchTracks("track:Grenade")).toHaveLength(1);
    expect(clock.sleeps).toEqual([2000]);
    expect(standIn.count("/v1/search") - searches).toBe(2);
    expect(c.stats).toMatchObject({ rateLimited: 1, waitedMs: 2000 });
  });

  it("gives up on a Retry-After longer than it may wait, without asking Spotify again until then", async () => {
    const { c, clock } = client({ maxWaitMs: 3000 });
    await c.searchTracks("track:Grenade");
    standIn.fail("/v1/search", { status: 429, retryAfter: "120" });
    const error = await c.searchTracks("track:Grenade").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyError);
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 120_000 });
    const searches = standIn.count("/v1/search");
    await expect(c.searchTracks("track:Grenade")).rejects.toMatchObject({ kind: "rate_limited" });
    expect(standIn.count("/v1/search")).toBe(searches); // blocked locally
    clock.advance(120_000);
    expect(await c.searchTracks("track:Grenade")).toHaveLength(1);
  });

  it("waits for rate limits at most maxWaitMs in all per request", async () => {
    const { c, clock } = client({ maxWaitMs: 3000 });
    for (let i = 0; i < 5; i++) standIn.fail("/v1/search", { status: 429, retryAfter: "1" });
    await expect(c.searchTracks("track:Grenade")).rejects.toMatchObject({ kind: "rate_limited" });
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    // Four 429s were answered; the fifth is waited out by the next call, within its own budget.
    clock.advance(1000);
    expect(await c.searchTracks("track:Grenade")).toHaveLength(1);
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  it("reads a playlist's items under either field name (item since 2026, track before)", async () => {
    const { c } = client();
    const id = spotifyId("old and new");
    const entry = { id: grenade.id, name: "Grenade", type: "track", artists: [{ name: "Bruno Mars" }] };
    standIn.fail(`/v1/playlists/${id}/items`, { status: 200, body: { items: [{ item: entry }, { track: entry }, { item: null }], total: 3, next: null } });
    const page = await c.playlistItems(id, 0);
    expect(page.items.map((i) => i.track?.name ?? null)).toEqual(["Grenade", "Grenade", null]);
    expect(page).toMatchObject({ received: 3, total: 3, hasNext: false });
  });

  it("drops the null entries Spotify puts in playlist search pages, but counts them", async () => {
    const { c } = client();
    const playlist = { id: spotifyId("p"), name: "A Night Drive", owner: { id: "u1", display_name: null }, tracks: { total: 12 } };
    standIn.fail("/v1/search", { status: 200, body: { playlists: { items: [null, playlist, null], total: 40, next: "https://next" } } });
    expect(await c.searchPlaylists("a", 0, 3)).toEqual({
      items: [{ id: playlist.id, name: "A Night Drive", owner: "u1", totalTracks: 12 }],
      received: 3,
      total: 40,
      hasNext: true,
    });
  });

  it("retries a 5xx with exponential backoff, then gives up as unavailable", async () => {
    const { c, clock } = client({ maxRetries: 2, backoffMs: 100 });
    standIn.fail("/v1/search", { status: 503 });
    expect(await c.searchTracks("track:Grenade")).toHaveLength(1);
    expect(clock.sleeps).toEqual([100]);
    for (let i = 0; i < 3; i++) standIn.fail("/v1/search", { status: 502 });
    await expect(c.searchTracks("track:Grenade")).rejects.toMatchObject({ kind: "unavailable", status: 502 });
    expect(clock.sleeps).toEqual([100, 100, 200]);
    expect(c.stats.retries).toBe(3);
  });

  it("does not retry other 4xx answers, and says what Spotify said", async () => {
    const { c } = client();
    standIn.fail("/v1/search", { status: 400, body: { error: { status: 400, message: "Invalid offset" } } });
    const searches = standIn.count("/v1/search");
    await expect(c.searchPlaylists("a", 0)).rejects.toMatchObject({ kind: "api", status: 400, message: expect.stringContaining("Invalid offset") });
    expect(standIn.count("/v1/search") - searches).toBe(1);
    await expect(c.playlistItems(spotifyId("no such playlist"), 0)).rejects.toMatchObject({ kind: "api", status: 404 });
    await expect(c.playlistItems("../../v1/me", 0)).rejects.toMatchObject({ kind: "api" });
  });

  it("reports refused client credentials as an auth error", async () => {
    const { c } = client({ secret: "wrong" });
    await expect(c.searchTracks("track:Grenade")).rejects.toMatchObject({ kind: "auth", status: 400, message: expect.stringContaining("invalid_client") });
  });

  it("refuses an answer of the wrong shape", async () => {
    const { c } = client();
    standIn.fail("/v1/search", { status: 200, body: { tracks: { items: [{ name: 5 }] } } });
    await expect(c.searchTracks("track:Grenade")).rejects.toMatchObject({ kind: "api", message: expect.stringContaining("unexpected shape") });
  });

  it("retries an unreachable server, then gives up as unavailable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { c, clock } = client({ url, maxRetries: 1, backoffMs: 50 });
    await expect(c.searchTracks("track:Grenade")).rejects.toMatchObject({ kind: "unavailable", message: expect.stringContaining("could not be reached") });
    expect(clock.sleeps).toEqual([50]);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("3", 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs("soon", 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
});
