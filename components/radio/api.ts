// Every call the radio page makes, validated with the routes' response schemas.
import { fetchApi, jsonPost } from "@/lib/api/client";
import { playlistResponseSchema, radioMapResponseSchema, songSearchResponseSchema, type PlaylistBody } from "@/lib/radio/core/api-schema";
import { spotifyResponseSchema } from "@/lib/radio/core/spotify-schema";

/** Songs and artists matching the query (GET /api/radio/songs). */
export function searchSongs(query: string, signal?: AbortSignal) {
  return fetchApi(`/api/radio/songs?q=${encodeURIComponent(query)}`, songSearchResponseSchema, { signal });
}

/** A station around the seeds (POST /api/radio/playlist). */
export function fetchStation(body: PlaylistBody, signal?: AbortSignal) {
  return fetchApi("/api/radio/playlist", playlistResponseSchema, jsonPost(body, signal));
}

/** Every song's map position and colour (GET /api/radio/map). */
export function fetchSongMap() {
  return fetchApi("/api/radio/map", radioMapResponseSchema);
}

/** Spotify track links for these songs, when the server has Spotify credentials (GET /api/radio/spotify). */
export function fetchSpotifyLinks(ids: readonly number[], signal?: AbortSignal) {
  const query = ids.map((id) => `ids=${id}`).join("&");
  return fetchApi(`/api/radio/spotify?${query}`, spotifyResponseSchema, { signal });
}
