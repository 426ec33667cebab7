import { apiMethods, parseQuery } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { spotifyQuerySchema } from "@/lib/radio/core/spotify-schema";
import { spotifyForServer, spotifyLinks } from "@/lib/radio/server/spotify";

export const dynamic = "force-dynamic";

/**
 * GET /api/radio/spotify?ids=5&ids=46 (1..50 song ids, aliases too): each song's Spotify
 * track URL or null. Without SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET: 200 with
 * `enabled: false` and a reason saying what it would do. Unknown ids -> 404 unknown_songs.
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  GET: async (request) => {
    const { ids } = parseQuery(request, spotifyQuerySchema);
    const db = await getDatabase();
    return Response.json(await spotifyLinks(db, ids, spotifyForServer()));
  },
});
