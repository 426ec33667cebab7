/**
 * Song radio's tables and queries: `radio_song` + `radio_song_alias` (the catalogue) and
 * the song vectors in the shared vector store (collection "radio", key = song id, cosine).
 * Searches and id lookups run on a per-process copy of the catalogue (a few MB, reloaded
 * when the seed step's stamp changes), so autocomplete never waits on the database; the
 * station itself is a nearest-neighbour query through lib/vector-search. No HTTP here.
 */
import "server-only";
import crypto from "node:crypto";
import type { SqlDb } from "@/lib/db";
import { perSeedCache } from "@/lib/db/seed";
import { invalidInput, notFound } from "@/lib/errors";
import { WordIndex } from "@/lib/text/word-index";
import { getVectors, nearest, putVectors } from "@/lib/vector-search";
import type { ArtistRef, PlaylistRequest, PlaylistResponse, RadioMapResponse, SongDetail, SongRef, SongSearchResponse, StationSong } from "../core/api-schema";
import { ARTIST_RESULTS, ARTIST_SEED_SONGS, SEARCH_RESULTS } from "../core/api-schema";
import type { RadioSongsFile, RadioTagsFile } from "../core/data-schema";
import { artistKeyOf, candidatesNeeded, pickStation, stationQueryVector, type StationCandidate } from "../core/station";

export const RADIO_COLLECTION = "radio";
export const RADIO_SEED_STEP = "radio";

export interface RadioSeedData {
  songs: RadioSongsFile["songs"];
  dims: number;
  vectors: Float32Array;
  tags: RadioTagsFile["tags"];
}


/** Replaces the demo's rows (songs and aliases in one transaction), then the "radio" vector collection. Returns rows written. */
export async function storeRadioData(db: SqlDb, data: RadioSeedData, progress: (line: string) => void = () => undefined): Promise<number> {
  const { songs, dims, vectors } = data;
  if (vectors.length !== songs.length * dims) throw new Error(`song vectors hold ${vectors.length} values, expected ${songs.length} x ${dims}`);
  const rows = songs.map((s, position) => ({
    id: s.id,
    position,
    title: s.title,
    artist: s.artist,
    tags: s.tags,
    predicted_tags: s.predictedTags,
    plays: s.plays,
    x: s.x,
    y: s.y,
    artist_key: artistKeyOf(s.artist),
  }));
  const tags = data.tags.map((t, position) => ({ tag: t.tag, position, songs: t.songs, auc: t.auc, threshold: t.threshold, colour: t.colour }));
  const aliases = songs.flatMap((s) => s.aliases.map((alias) => ({ alias_id: alias, song_id: s.id })));
  let started = Date.now();
  await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM radio_song_alias`);
    await tx.query(`DELETE FROM radio_song`);
    await tx.query(`DELETE FROM radio_tag`);
    await tx.query(
      `INSERT INTO radio_tag (tag, position, songs, auc, threshold, colour)
       SELECT tag, position, songs, auc, threshold, colour
         FROM jsonb_to_recordset($1::jsonb) AS t(tag text, position int, songs int, auc float8, threshold float8, colour text)`,
      [JSON.stringify(tags)],
    );
    // One INSERT over a JSON array per 5000 rows: few round trips on either backend.
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.query(
        `INSERT INTO radio_song (id, position, title, artist, tags, predicted_tags, plays, x, y, artist_key)
         SELECT id, position, title, artist, tags, predicted_tags, plays, x, y, artist_key
           FROM jsonb_to_recordset($1::jsonb) AS t(id int, position int, title text, artist text, tags text[], predicted_tags jsonb,
                plays int, x float8, y float8, artist_key text)`,
        [JSON.stringify(rows.slice(i, i + 5000))],
      );
    }
    for (let i = 0; i < aliases.length; i += 5000) {
      await tx.query(
        `INSERT INTO radio_song_alias (alias_id, song_id) SELECT alias_id, song_id FROM jsonb_to_recordset($1::jsonb) AS t(alias_id int, song_id int)`,
        [JSON.stringify(aliases.slice(i, i + 5000))],
      );
    }
  });
  progress(`${rows.length} songs and ${aliases.length} aliases in ${Date.now() - started} ms`);
  started = Date.now();
  const items = songs.map((s, i) => ({ key: String(s.id), vector: vectors.subarray(i * dims, (i + 1) * dims) }));
  await putVectors(db, RADIO_COLLECTION, items, { metric: "cosine", replace: true });
  progress(`${items.length} vectors into "${RADIO_COLLECTION}" in ${Date.now() - started} ms`);
  return rows.length + tags.length + aliases.length + items.length;
}

// ---------------------------------------------------------------------------------------
// The in-process catalogue

interface CatalogueSong extends SongDetail {
  artistKey: string;
  position: number;
  x: number;
  y: number;
}

interface Artist {
  key: string;
  /** As the data set spells it (its first, most played, song's spelling). */
  name: string;
  plays: number;
  /** The artist's songs, most played first. */
  songs: CatalogueSong[];
}

interface Catalogue {
  stamp: string;
  songs: CatalogueSong[];
  /** Song id and alias id -> song. */
  byId: Map<number, CatalogueSong>;
  artists: Map<string, Artist>;
  songIndex: WordIndex<CatalogueSong>;
  artistIndex: WordIndex<Artist>;
}

interface SongRow {
  id: number;
  position: number;
  title: string;
  artist: string;
  tags: string[] | null;
  predicted_tags: { tag: string; p: number }[] | string;
  plays: number;
  x: number;
  y: number;
  artist_key: string;
}

async function loadCatalogue(db: SqlDb, stamp: string): Promise<Catalogue> {
  const rows = await db.sql.query<SongRow>(`SELECT id, position, title, artist, tags, predicted_tags, plays, x, y, artist_key FROM radio_song ORDER BY position`);
  const aliasRows = await db.sql.query<{ alias_id: number; song_id: number }>(`SELECT alias_id, song_id FROM radio_song_alias`);
  const songs: CatalogueSong[] = rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    artist: r.artist,
    tags: r.tags ?? [],
    predictedTags: typeof r.predicted_tags === "string" ? JSON.parse(r.predicted_tags) : r.predicted_tags,
    plays: Number(r.plays),
    artistKey: r.artist_key,
    position: Number(r.position),
    x: Number(r.x),
    y: Number(r.y),
  }));
  const byId = new Map(songs.map((s) => [s.id, s]));
  for (const a of aliasRows) {
    const song = byId.get(Number(a.song_id));
    if (song) byId.set(Number(a.alias_id), song);
  }
  const artists = new Map<string, Artist>();
  for (const song of songs) {
    if (!song.artistKey) continue;
    let artist = artists.get(song.artistKey);
    if (!artist) artists.set(song.artistKey, (artist = { key: song.artistKey, name: song.artist, plays: 0, songs: [] }));
    artist.plays += song.plays;
    artist.songs.push(song);
  }
  return {
    stamp,
    songs,
    byId,
    artists,
    songIndex: new WordIndex(songs.map((s) => ({ item: s, primary: s.title, secondary: s.artist, popularity: s.plays }))),
    artistIndex: new WordIndex([...artists.values()].map((a) => ({ item: a, primary: a.name, popularity: a.plays }))),
  };
}

/** The catalogue of this process, rebuilt when the radio seed step's stamp changes. */
const catalogue = perSeedCache(RADIO_SEED_STEP, loadCatalogue);

/** Loads the catalogue and its search index now (at server start) rather than on the first search (~2-5 s for 30k songs). */
export async function warmRadioCatalogue(db: SqlDb): Promise<void> {
  await catalogue(db);
}

const toRef = (s: CatalogueSong): SongRef => ({ id: s.id, title: s.title, artist: s.artist });
const toDetail = (s: CatalogueSong): SongDetail => ({ ...toRef(s), tags: s.tags, predictedTags: s.predictedTags, plays: s.plays });
const toArtistRef = (a: Artist): ArtistRef => ({ artist: a.name, songs: a.songs.length, plays: a.plays });

/** Autocomplete: songs whose title (then title + artist) has words starting with the query's words, best known first; and matching artists. */
export async function searchSongs(db: SqlDb, query: string, limit = SEARCH_RESULTS): Promise<SongSearchResponse> {
  const { songIndex, artistIndex } = await catalogue(db);
  return {
    query,
    results: songIndex.search(query, limit).map(toRef),
    artists: artistIndex.search(query, ARTIST_RESULTS).map(toArtistRef),
  };
}

/** The songs with these ids (alias ids resolve to their song), in the order asked; unknown ids -> 404 naming them. */
function resolveSongs(cat: Catalogue, ids: readonly number[], role: string): CatalogueSong[] {
  const unknown = ids.filter((id) => !cat.byId.has(id));
  if (unknown.length) {
    throw notFound("unknown_songs", `Unknown ${role} song id${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`, { ids: unknown });
  }
  const seen = new Set<number>();
  return ids.flatMap((id) => {
    const song = cat.byId.get(id)!;
    if (seen.has(song.id)) return [];
    seen.add(song.id);
    return [song];
  });
}

/** The songs among these ids that exist (alias ids resolve), in the order asked: for a shared URL, which must not break on a stale id. */
export async function knownSongs(db: SqlDb, ids: readonly number[]): Promise<SongRef[]> {
  const cat = await catalogue(db);
  return resolveSongs(cat, ids.filter((id) => cat.byId.has(id)), "").map(toRef);
}

/** The n most played songs of different artists: starting points for a first visit. */
export async function popularSongs(db: SqlDb, n: number): Promise<SongRef[]> {
  const cat = await catalogue(db);
  const artists = new Set<string>();
  const picked: SongRef[] = [];
  for (const song of cat.songs) {
    if (picked.length >= n) break;
    if (!song.artistKey || artists.has(song.artistKey)) continue;
    artists.add(song.artistKey);
    picked.push(toRef(song));
  }
  return picked;
}

/** Catalogue counts for the page. */
export async function radioStats(db: SqlDb): Promise<{ songs: number; artists: number; tagged: number }> {
  const cat = await catalogue(db);
  return { songs: cat.songs.length, artists: cat.artists.size, tagged: cat.songs.filter((s) => s.tags.length > 0).length };
}

function resolveArtists(cat: Catalogue, names: readonly string[]): Artist[] {
  const found: Artist[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const artist = cat.artists.get(artistKeyOf(name));
    if (artist) found.push(artist);
    else unknown.push(name);
  }
  if (unknown.length) {
    const suggestions = unknown.flatMap((name) => cat.artistIndex.search(name, 1).map((a) => a.name));
    throw notFound("unknown_artists", `Unknown artist${unknown.length > 1 ? "s" : ""}: ${unknown.map((n) => `"${n}"`).join(", ")}.${suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ""}`, {
      artists: unknown,
      suggestions,
    });
  }
  return [...new Map(found.map((a) => [a.key, a])).values()];
}

async function vectorsOf(db: SqlDb, songs: readonly CatalogueSong[]): Promise<Float32Array[]> {
  const found = await getVectors(db, RADIO_COLLECTION, songs.map((s) => String(s.id)));
  if (found.length !== songs.length) throw new Error(`radio vectors missing for ${songs.length - found.length} songs: re-seed`);
  return found.map((f) => f.vector);
}

/**
 * A station around the seeds: the normalised mean of their vectors (artists contribute
 * their most played songs), pushed away from the avoided songs; the nearest songs, seeds,
 * exclusions and avoided songs left out, at most `perArtist` per artist.
 */
export async function buildStation(db: SqlDb, request: PlaylistRequest): Promise<PlaylistResponse> {
  const cat = await catalogue(db);
  const seedSongs = resolveSongs(cat, request.seeds, "seed");
  const artists = resolveArtists(cat, request.artists);
  const avoided = resolveSongs(cat, request.avoid, "avoided");
  // Unknown excluded ids cannot be played anyway: ignored rather than refused.
  const excluded = resolveSongs(cat, request.exclude.filter((id) => cat.byId.has(id)), "excluded");
  const clash = seedSongs.filter((s) => avoided.some((a) => a.id === s.id));
  if (clash.length) {
    throw invalidInput("seed_and_avoided", `Seed and "not this" at once: ${clash.map((s) => s.id).join(", ")}.`, { ids: clash.map((s) => s.id) });
  }
  const artistSongs = artists.flatMap((a) => a.songs.slice(0, ARTIST_SEED_SONGS));
  const allSeeds = [...new Map([...seedSongs, ...artistSongs].map((s) => [s.id, s])).values()];
  const [seedVectors, avoidVectors] = await Promise.all([vectorsOf(db, allSeeds), vectorsOf(db, avoided)]);
  const query = stationQueryVector(seedVectors, avoidVectors);

  // An artist radio plays other artists like them, not their own catalogue again.
  const excludeIds = new Set<number>([...allSeeds, ...avoided, ...excluded].map((s) => s.id));
  const pick = { length: request.length, perArtist: request.perArtist, excludeIds };
  let k = candidatesNeeded(pick);
  let station: StationCandidate<CatalogueSong>[] = [];
  for (;;) {
    const excludeKeys = [...excludeIds].map(String);
    const hits = await nearest(db, RADIO_COLLECTION, query, { k: Math.min(k, 1000), excludeKeys: excludeKeys.slice(0, 10_000) });
    const candidates = hits.flatMap((h) => {
      const song = cat.byId.get(Number(h.key));
      return song ? [{ song, score: h.score }] : [];
    });
    station = pickStation(candidates, pick);
    // Short because of the artist cap, and more neighbours exist: widen the search.
    if (station.length >= request.length || hits.length < k || k >= 1000) break;
    k = Math.min(1000, k * 3);
  }
  return {
    songs: station.map(({ song, score }): StationSong => ({ ...toDetail(song), score })),
    seeds: allSeeds.map(toDetail),
    avoided: avoided.map(toRef),
    artists: artists.map(toArtistRef),
  };
}

// ---------------------------------------------------------------------------------------
// Tags and the map

export type RadioTag = RadioTagsFile["tags"][number];

/** The Last.fm tags: how many songs carry each, its classifier's held-out AUC and threshold, its map colour. */
export async function radioTags(db: SqlDb): Promise<RadioTag[]> {
  const rows = await db.sql.query<{ tag: string; songs: number; auc: number | null; threshold: number | null; colour: string | null }>(
    `SELECT tag, songs, auc, threshold, colour FROM radio_tag ORDER BY position`,
  );
  return rows.map((r) => ({
    tag: r.tag,
    songs: Number(r.songs),
    auc: r.auc === null ? null : Number(r.auc),
    threshold: r.threshold === null ? null : Number(r.threshold),
    colour: r.colour,
  }));
}

let mapCache: { stamp: string; body: string; etag: string } | undefined;

/** Every song's map position and colour tag as parallel arrays, with a legend; cached per seed. */
export async function radioMap(db: SqlDb): Promise<{ body: string; etag: string }> {
  const cat = await catalogue(db);
  if (mapCache?.stamp === cat.stamp) return mapCache;
  const tags = await radioTags(db);
  const legend = tags.filter((t) => t.colour !== null).map((t) => ({ tag: t.tag, colour: t.colour as string, songs: t.songs }));
  const legendIndex = new Map(legend.map((t, i) => [t.tag, i]));
  // A song's colour: the first of its own tags that the legend has, else its most likely predicted one.
  const colourOf = (s: CatalogueSong) => {
    for (const tag of s.tags) if (legendIndex.has(tag)) return legendIndex.get(tag)!;
    for (const { tag } of s.predictedTags) if (legendIndex.has(tag)) return legendIndex.get(tag)!;
    return -1;
  };
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const version = crypto.createHash("sha256").update(cat.stamp).update(JSON.stringify(legend)).digest("hex").slice(0, 16);
  const map: RadioMapResponse = {
    version,
    ids: cat.songs.map((s) => s.id),
    x: cat.songs.map((s) => round(s.x)),
    y: cat.songs.map((s) => round(s.y)),
    colour: cat.songs.map(colourOf),
    legend,
  };
  mapCache = { stamp: cat.stamp, body: JSON.stringify(map), etag: `"radio-map-${version}"` };
  return mapCache;
}

