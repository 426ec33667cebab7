"use client";

import type { StationSong } from "@/lib/radio/core/api-schema";

/** Tags to show: the song's own Last.fm tags, else the likeliest predicted ones (marked as guesses). */
function SongTags({ song }: { song: StationSong }) {
  if (song.tags.length) {
    return (
      <span className="rd-tags">
        {song.tags.slice(0, 3).map((t) => (
          <span key={t} className="rd-tag">
            {t}
          </span>
        ))}
      </span>
    );
  }
  if (!song.predictedTags.length) return null;
  return (
    <span className="rd-tags" title="No Last.fm tags: these are predicted from the song's vector">
      {song.predictedTags.slice(0, 2).map((t) => (
        <span key={t.tag} className="rd-tag predicted">
          {t.tag}? {Math.round(t.p * 100)}%
        </span>
      ))}
    </span>
  );
}

export function StationList({
  songs,
  spotifyUrls,
  onMoreLike,
  onNotThis,
}: {
  songs: StationSong[];
  spotifyUrls: ReadonlyMap<number, string | null>;
  onMoreLike: (song: StationSong) => void;
  onNotThis: (song: StationSong) => void;
}) {
  return (
    <ol className="rd-station" data-testid="radio-station">
      {songs.map((song, i) => {
        const url = spotifyUrls.get(song.id);
        return (
          <li key={song.id} data-song-id={song.id}>
            <span className="rd-rank">{i + 1}</span>
            <span className="rd-song">
              <span className="rd-title">{song.title}</span>
              <span className="rd-artist">{song.artist || "unknown artist"}</span>
              <SongTags song={song} />
            </span>
            <span className="rd-score" title={`cosine similarity ${song.score.toFixed(3)}`}>
              <span className="rd-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(0, Math.min(1, song.score)) * 100}%` }} />
              </span>
              <span className="rd-score-num">{Math.round(song.score * 100)}%</span>
            </span>
            <span className="rd-actions">
              {url && (
                <a href={url} target="_blank" rel="noreferrer" className="rd-spotify" aria-label={`Open "${song.title}" on Spotify`}>
                  Spotify
                </a>
              )}
              <button type="button" onClick={() => onMoreLike(song)} title="Start a new station from this song" aria-label={`More like "${song.title}"`}>
                More like this
              </button>
              <button type="button" onClick={() => onNotThis(song)} title="Drop it and steer the station away from it" aria-label={`Not "${song.title}"`}>
                Not this
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
