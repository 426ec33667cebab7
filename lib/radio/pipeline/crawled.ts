// Crawled playlists (`npm run radio:crawl`, lists of { title, artist }) joined to the
// catalogue: a track whose cleaned title + artist matches a data-set song takes its id;
// others become new songs with ids from 1,000,000 up (one id per title + artist).

import { cleanText, songKey, type Catalogue } from "./parse";

export const FIRST_CRAWLED_ID = 1_000_000;

export function addCrawledPlaylists(catalogue: Catalogue, playlists: readonly (readonly { title: string; artist: string }[])[]): { playlists: Int32Array[]; newSongs: number; songs: number } {
  const byKey = new Map<string, number>();
  for (const song of catalogue.songs.values()) byKey.set(songKey(song.title, song.artist), song.id);
  let nextId = FIRST_CRAWLED_ID;
  for (const id of catalogue.songs.keys()) if (id >= nextId) nextId = id + 1;
  let newSongs = 0;
  const seen = new Set<number>();
  const out: Int32Array[] = [];
  for (const list of playlists) {
    const ids: number[] = [];
    for (const track of list) {
      const title = cleanText(track.title);
      const artist = cleanText(track.artist);
      if (title === "") continue;
      const key = songKey(title, artist);
      let id = byKey.get(key);
      if (id === undefined) {
        id = nextId++;
        byKey.set(key, id);
        catalogue.songs.set(id, { id, title, artist, aliases: [], tags: [] });
        catalogue.canonical.set(id, id);
        newSongs++;
      }
      seen.add(id);
      ids.push(id);
    }
    if (ids.length > 0) out.push(Int32Array.from(ids));
  }
  return { playlists: out, newSongs, songs: seen.size };
}
