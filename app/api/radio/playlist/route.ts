import { noQuerySchema } from "@/lib/api/query-schema";
import { apiMethods, parseJsonBody, parseQuery } from "@/lib/api/route";
import { playlistBodySchema } from "@/lib/radio/core/api-schema";
import { buildStation } from "@/lib/radio/server/store";
import { getDatabase } from "@/lib/server/database";

export const dynamic = "force-dynamic";

/**
 * POST /api/radio/playlist {"seeds": [song ids], "length": 25, "perArtist"?: 2,
 * "exclude"?: [ids], "avoid"?: [ids], "artists"?: [names]}: the songs nearest the
 * normalised mean of the seeds' vectors (pushed away from "avoid"), seeds and exclusions
 * left out, at most perArtist per artist. Unknown seed or avoid ids -> 404 unknown_songs
 * naming them (unknown excluded ids are ignored).
 */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({
  POST: async (request) => {
    parseQuery(request, noQuerySchema);
    const body = await parseJsonBody(request, playlistBodySchema, 100_000);
    const db = await getDatabase();
    return Response.json(await buildStation(db, body));
  },
});
