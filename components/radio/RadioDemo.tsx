"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiResponseError } from "@/lib/api/client";
import { createRng, shuffleInPlace } from "@/lib/ml/rng";
import type { PlaylistResponse, RadioMapResponse, SongRef, StationSong } from "@/lib/radio/core/api-schema";
import { stationName, stationToJson, stationToM3u } from "@/lib/radio/core/export";
import { MAX_SPOTIFY_IDS, type SpotifyResponse } from "@/lib/radio/core/spotify-schema";
import { MAX_STATION_LENGTH } from "@/lib/radio/core/station";
import { DEFAULT_SETTINGS, queryFromSettings, settingsFromQuery, type StationSettings } from "@/lib/radio/core/station-url";
import { fetchSongMap, fetchSpotifyLinks, fetchStation } from "./api";
import { SongMap } from "./SongMap";
import { SongSearch } from "./SongSearch";
import { StationList } from "./StationList";

const LENGTHS = [10, 25, 50, 100, MAX_STATION_LENGTH];

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileStem = (name: string) => name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "radio";

/** The whole radio: seeds, the station, exports and the song map. Settings live in the URL. */
export function RadioDemo({ initial, initialSongs, starters }: { initial: StationSettings; initialSongs: SongRef[]; starters: SongRef[] }) {
  const [settings, setSettings] = useState<StationSettings>(initial);
  // Titles of songs the page has seen (search picks, station rows), for chips.
  const [known, setKnown] = useState(() => new Map(initialSongs.map((s) => [s.id, s])));
  const [answer, setAnswer] = useState<{ key: string; station: PlaylistResponse | null; error: string | null } | null>(null);
  const [map, setMap] = useState<RadioMapResponse | null>(null);
  const [mapError, setMapError] = useState(false);
  const [shuffleRound, setShuffleRound] = useState(0);
  const firstRender = useRef(true);

  const remember = useCallback((songs: SongRef[]) => {
    setKnown((prev) => {
      if (songs.every((s) => prev.has(s.id))) return prev;
      const next = new Map(prev);
      for (const s of songs) next.set(s.id, { id: s.id, title: s.title, artist: s.artist });
      return next;
    });
  }, []);

  /** A new station (seeds changed) is a new history entry; a tweak of the same station replaces it. */
  const update = (next: Partial<StationSettings>, newEntry: boolean) => {
    const merged = { ...settings, ...next };
    const query = queryFromSettings(merged);
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (newEntry) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
    setSettings(merged);
  };

  useEffect(() => {
    const onPop = () => setSettings(settingsFromQuery(new URLSearchParams(window.location.search)));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const { seeds, artists, avoid, length, perArtist } = settings;
  const hasSeeds = seeds.length + artists.length > 0;
  const requestKey = JSON.stringify({ seeds, artists, avoid, length, perArtist });
  useEffect(() => {
    if (!hasSeeds) return;
    const controller = new AbortController();
    fetchStation({ seeds, artists, avoid, length, perArtist }, controller.signal)
      .then((result) => {
        setAnswer({ key: requestKey, station: result, error: null });
        remember([...result.seeds, ...result.avoided, ...result.songs]);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ key: requestKey, station: null, error: err instanceof ApiResponseError ? err.message : "The station could not be built; try again." });
      });
    return () => controller.abort();
  }, [requestKey, seeds, artists, avoid, length, perArtist, hasSeeds, remember]);
  // The last answer stays on screen (dimmed) while the next one loads.
  const loading = hasSeeds && answer?.key !== requestKey;
  const station = hasSeeds ? (answer?.station ?? null) : null;
  const error = hasSeeds && answer?.key === requestKey ? answer.error : null;

  useEffect(() => {
    if (!firstRender.current) return;
    firstRender.current = false;
    fetchSongMap().then(setMap, () => setMapError(true));
  }, []);

  // Spotify links for the station's first songs; the answer says when the server has no credentials.
  const [spotify, setSpotify] = useState<{ key: string; answer: SpotifyResponse } | null>(null);
  const spotifyIds = (station?.songs ?? []).slice(0, MAX_SPOTIFY_IDS).map((s) => s.id);
  const spotifyKey = spotifyIds.join(",");
  useEffect(() => {
    if (!spotifyKey) return;
    const controller = new AbortController();
    fetchSpotifyLinks(spotifyKey.split(",").map(Number), controller.signal).then(
      (answer) => setSpotify({ key: spotifyKey, answer }),
      () => undefined, // links are a bonus: the station works without them
    );
    return () => controller.abort();
  }, [spotifyKey]);
  const spotifyUrls = useMemo(
    () => new Map((spotify?.answer.tracks ?? []).flatMap((t) => (t.url ? [[t.id, t.url] as const] : []))),
    [spotify],
  );

  const songs: StationSong[] = useMemo(() => {
    const list = station?.songs ?? [];
    if (settings.order !== "shuffle") return list;
    return shuffleInPlace(list.slice(), createRng(list.reduce((h, s) => (h * 31 + s.id) >>> 0, shuffleRound + 1)));
  }, [station, settings.order, shuffleRound]);

  const name = stationName(
    seeds.map((id) => known.get(id) ?? { id, title: `#${id}`, artist: "" }),
    artists,
  );
  const addSeed = (song: SongRef) => {
    remember([song]);
    if (!seeds.includes(song.id)) update({ seeds: [...seeds, song.id], avoid: avoid.filter((id) => id !== song.id) }, true);
  };
  const addArtist = (artist: string) => {
    if (!artists.some((a) => a.toLowerCase() === artist.toLowerCase())) update({ artists: [...artists, artist] }, true);
  };
  const shareUrl = () => `${window.location.origin}${window.location.pathname}?${queryFromSettings(settings)}`;

  return (
    <div className="rd-demo">
      <section className="rd-controls" aria-label="Seeds and settings">
        <SongSearch onSong={addSeed} onArtist={(a) => addArtist(a.artist)} />
        <div className="rd-chips" data-testid="radio-seeds" aria-live="polite">
          {seeds.map((id) => {
            const s = known.get(id);
            return (
              <span key={id} className="rd-chip seed" data-song-id={id}>
                <span className="rd-chip-text">
                  {s ? s.title : `song #${id}`}
                  {s?.artist ? <small> · {s.artist}</small> : null}
                </span>
                <button type="button" aria-label={`Remove seed "${s?.title ?? id}"`} onClick={() => update({ seeds: seeds.filter((x) => x !== id) }, true)}>
                  ×
                </button>
              </span>
            );
          })}
          {artists.map((a) => (
            <span key={a} className="rd-chip artist">
              <span className="rd-chip-text">
                <small>artist · </small>
                {a}
              </span>
              <button type="button" aria-label={`Remove artist "${a}"`} onClick={() => update({ artists: artists.filter((x) => x !== a) }, true)}>
                ×
              </button>
            </span>
          ))}
          {avoid.map((id) => {
            const s = known.get(id);
            return (
              <span key={`avoid-${id}`} className="rd-chip avoid" title="Not this: left out, and the station steers away from it">
                <span className="rd-chip-text">
                  <small>not </small>
                  {s ? s.title : `#${id}`}
                </span>
                <button type="button" aria-label={`Allow "${s?.title ?? id}" again`} onClick={() => update({ avoid: avoid.filter((x) => x !== id) }, false)}>
                  ×
                </button>
              </span>
            );
          })}
          {!hasSeeds && (
            <p className="rd-starters">
              <span>Or start from:</span>
              {starters.map((s) => (
                <button key={s.id} type="button" className="rd-chip starter" onClick={() => addSeed(s)}>
                  {s.title} <small>· {s.artist}</small>
                </button>
              ))}
            </p>
          )}
        </div>
        <div className="rd-settings">
          <label>
            Songs{" "}
            <select value={length} onChange={(e) => update({ length: Number(e.target.value) }, false)} data-testid="radio-length">
              {[...new Set([...LENGTHS, length])].sort((a, b) => a - b).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Per artist{" "}
            <select value={perArtist} onChange={(e) => update({ perArtist: Number(e.target.value) }, false)}>
              {[...new Set([1, 2, 3, 5, 10, perArtist])].sort((a, b) => a - b).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="rd-order">
            <legend>Order</legend>
            <label>
              <input type="radio" name="rd-order" checked={settings.order === "similarity"} onChange={() => update({ order: "similarity" }, false)} /> closest first
            </label>
            <label>
              <input type="radio" name="rd-order" checked={settings.order === "shuffle"} onChange={() => update({ order: "shuffle" }, false)} /> shuffle
            </label>
            {settings.order === "shuffle" && (
              <button type="button" onClick={() => setShuffleRound((r) => r + 1)}>
                reshuffle
              </button>
            )}
          </fieldset>
          {hasSeeds && (
            <button type="button" className="rd-clear" onClick={() => update({ ...DEFAULT_SETTINGS, length, perArtist }, true)}>
              Clear all
            </button>
          )}
        </div>
      </section>

      <section className={`rd-result${loading ? " loading" : ""}`} aria-labelledby="rd-station-title" aria-busy={loading}>
        <div className="rd-result-head">
          <h2 id="rd-station-title">{hasSeeds ? name : "Your station"}</h2>
          {station && station.songs.length > 0 && (
            <div className="rd-export">
              <button type="button" data-testid="export-m3u" onClick={() => download(`${fileStem(name)}.m3u`, "audio/x-mpegurl", stationToM3u(name, songs, spotifyUrls))}>
                Download M3U
              </button>
              <button
                type="button"
                data-testid="export-json"
                onClick={() =>
                  download(
                    `${fileStem(name)}.json`,
                    "application/json",
                    stationToJson({ name, url: shareUrl(), seeds: station.seeds.map(({ id, title, artist }) => ({ id, title, artist })), songs: songs.map(({ id, title, artist, score }) => ({ id, title, artist, score, ...(spotifyUrls.has(id) ? { spotifyUrl: spotifyUrls.get(id) } : {}) })) }),
                  )
                }
              >
                JSON
              </button>
              <button type="button" onClick={() => navigator.clipboard?.writeText(shareUrl())} title="Copy a link that rebuilds this station">
                Copy link
              </button>
            </div>
          )}
        </div>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        {!hasSeeds && <p className="rd-empty">Add one or more songs (or an artist) above: the station plays the songs whose vectors lie closest to theirs.</p>}
        {loading && !station && <p className="rd-empty">Building the station…</p>}
        {station && (
          <>
            {spotify && !spotify.answer.enabled && (
              <p className="rd-hint" data-testid="spotify-off">
                {spotify.answer.reason ?? "Spotify links are off: the server has no Spotify credentials."}
              </p>
            )}
            {station.songs.length < length && (
              <p className="rd-hint">
                Only {station.songs.length} songs fit: allow more per artist to fill the station.
              </p>
            )}
            <StationList
              songs={songs}
              spotifyUrls={spotifyUrls}
              onMoreLike={(song) => update({ seeds: [song.id], artists: [], avoid: [] }, true)}
              onNotThis={(song) => update({ avoid: [...avoid, song.id] }, false)}
            />
          </>
        )}
      </section>

      <section className="rd-map-section" aria-labelledby="rd-map-title">
        <h2 id="rd-map-title">All songs</h2>
        {map ? (
          <SongMap map={map} seeds={station?.seeds ?? []} station={station?.songs ?? []} />
        ) : (
          <p className="rd-empty">{mapError ? "The song map could not be loaded." : "Loading the song map…"}</p>
        )}
      </section>
    </div>
  );
}
