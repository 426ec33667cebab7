import type { Metadata } from "next";
import { RadioDemo } from "@/components/radio/RadioDemo";
import { settingsFromQuery } from "@/lib/radio/core/station-url";
import { knownSongs, popularSongs, radioStats } from "@/lib/radio/server/store";
import { getDatabase } from "@/lib/server/database";
import "./radio.css";

export const metadata: Metadata = {
  title: "Song radio",
  description: "A radio station from seed songs: word2vec over 10,000 real radio playlists, nearest songs to the seeds' mean vector.",
};
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Song radio: seeds in, a station out; the seeds live in the URL so a station can be shared. */
export default async function RadioPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  const initial = settingsFromQuery(query);
  const db = await getDatabase();
  const [stats, initialSongs, starters] = await Promise.all([radioStats(db), knownSongs(db, [...initial.seeds, ...initial.avoid]), popularSongs(db, 5)]);
  // A stale id in a shared link is dropped rather than breaking the page.
  const knownIds = new Set(initialSongs.map((s) => s.id));
  const settings = { ...initial, seeds: initial.seeds.filter((id) => knownIds.has(id)), avoid: initial.avoid.filter((id) => knownIds.has(id)) };
  return (
    <article className="rd-page">
      <header className="intro">
        <h1>Song radio</h1>
        <p>
          Treat every radio playlist as a sentence and every song as a word, and word2vec learns a vector for each of{" "}
          {stats.songs.toLocaleString("en")} songs by {stats.artists.toLocaleString("en")} artists: songs played in the same
          stretches of radio get similar vectors. A station is the songs closest to the average of its seeds.
        </p>
      </header>
      <RadioDemo initial={settings} initialSongs={initialSongs} starters={starters} />
      <section className="rd-section" aria-labelledby="rd-method">
        <h2 id="rd-method">How it works</h2>
        <p>
          The playlists are 2010–2011 logs of US radio stations collected from Yes.com. After cleaning (duplicate song ids
          merged, escapes repaired, playlists dominated by one artist dropped), word2vec trains a vector per song from which
          songs play near each other. A station takes the seeds&rsquo; vectors, averages their directions, and plays the
          nearest songs, at most a few per artist so it is not one artist&rsquo;s catalogue; &ldquo;not this&rdquo; pushes the
          average away from a song. Songs without Last.fm tags get likely tags from one classifier per tag trained on the
          vectors; the map places every song by a 2-D layout of the vectors.
        </p>
        <p className="rd-credit">
          After Douwe Osinga, &ldquo;Building Spotify&rsquo;s Song Radio in 100 lines of Python&rdquo; (2017). Playlists: Shuo
          Chen, Thorsten Joachims et al., &ldquo;Playlist prediction via metric embedding&rdquo; (KDD 2012), Cornell&rsquo;s
          yes_complete data set (Yes.com playlists, Last.fm tags); research use, credit to the authors.
        </p>
      </section>
    </article>
  );
}
