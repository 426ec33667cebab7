"use client";

import { SearchCombobox } from "@/components/ui/SearchCombobox";
import type { ArtistRef, SongRef } from "@/lib/radio/core/api-schema";
import { searchSongs } from "./api";

type Option = { kind: "song"; song: SongRef } | { kind: "artist"; artist: ArtistRef };

/** Song and artist autocomplete (/api/radio/songs): a pick adds a seed and empties the box for the next one. */
export function SongSearch({ onSong, onArtist }: { onSong: (song: SongRef) => void; onArtist: (artist: ArtistRef) => void }) {
  return (
    <SearchCombobox<Option>
      label="Add a seed song or artist"
      placeholder="e.g. Halo, Yellow Coldplay, Johnny Cash"
      testId="radio-search"
      listTestId="radio-suggestions"
      search={async (q) => {
        const body = await searchSongs(q);
        // Artists first (an artist radio is one click), at most two so songs stay in view.
        return [...body.artists.slice(0, 2).map((artist): Option => ({ kind: "artist", artist })), ...body.results.map((song): Option => ({ kind: "song", song }))];
      }}
      optionKey={(o) => (o.kind === "song" ? `s${o.song.id}` : `a${o.artist.artist}`)}
      renderOption={(o) =>
        o.kind === "song" ? (
          <>
            <span className="combo-main">{o.song.title}</span>
            <span className="combo-aside">{o.song.artist || "unknown artist"}</span>
          </>
        ) : (
          <>
            <span className="combo-main">
              <span className="rd-kind">artist radio</span> {o.artist.artist}
            </span>
            <span className="combo-aside">{o.artist.songs} songs</span>
          </>
        )
      }
      highlightFirst
      // Enter without a highlighted option takes the best song rather than an artist.
      enterPick={(list) => list.find((o) => o.kind === "song") ?? list[0]}
      textAfterPick={() => ""}
      onPick={(o) => (o.kind === "song" ? onSong(o.song) : onArtist(o.artist))}
      noMatch={(q) => `No song or artist matches "${q}".`}
    />
  );
}
