// Parsing and cleaning the Yes.com playlist data set (Chen, Joachims et al., KDD 2012):
// train.txt (line 1 the song ids, line 2 their counts, then one playlist per line),
// song_hash.txt (`<id> \t<title>\t<artist>`), tags.txt (one line per song, `#` = none) and
// tag_hash.txt (`<tag id>, <name>`). Quirks repaired here: `\/` escapes, `&amp;`, `&` for
// an apostrophe ("Don&t"), padding spaces, "-" for an unknown artist, and the same
// title + artist under two ids (merged to the lowest id; the others become aliases).

export interface RawSong {
  id: number;
  title: string;
  artist: string;
}

/** What cleanText changed, for the README's examples. */
export interface CleanLog {
  apostrophes: Map<string, string>;
  /** `&` between two word characters that were left alone (initialisms such as "R&B", "AT&T"). */
  leftAlone: Set<string>;
}

export function createCleanLog(): CleanLog {
  return { apostrophes: new Map(), leftAlone: new Set() };
}

// `&` standing for an apostrophe: n&t (Don&t, Can&t), a lower-case letter + &s / &re / &ve /
// &ll / &d (It&s, You&re), I&m / I&d / I&ll / I&ve, and an Irish O& before a capital or
// lower-case name (O&riley). Anything else (R&B, C&C, AT&T, X&Y, 7&7, Sh&t) is left alone.
const APOSTROPHE = /\b(?:([A-Za-z]*n)&(t)\b|([A-Za-z]*[a-z])&(s|re|ve|ll|d)\b|(I)&(m|d|ll|ve)\b|(O)&([A-Za-z][a-z]+)\b)/g;
const AMPERSAND_IN_WORD = /\b\w+&\w+\b/g;

/** Unescapes `\/` and `\\`, decodes `&amp;`, repairs `&` apostrophes, trims and collapses spaces. */
export function cleanText(raw: string, log?: CleanLog): string {
  let s = raw.replace(/\\(.)/g, (_, c: string) => (c === "t" ? " " : c === "\t" ? " " : c));
  s = s.replace(/&amp;/g, "&");
  s = s.replace(APOSTROPHE, (match: string, ...groups: (string | undefined)[]) => {
    const parts = groups.slice(0, 8).filter((g): g is string => g !== undefined);
    const fixed = `${parts[0]}'${parts[1]}`;
    log?.apostrophes.set(match, fixed);
    return fixed;
  });
  if (log) for (const m of s.matchAll(AMPERSAND_IN_WORD)) log.leftAlone.add(m[0]);
  return s.replace(/\s+/g, " ").trim();
}

/** song_hash.txt: `<id> \t<title>\t<artist>` per line; artist "-" becomes "". */
export function parseSongHash(text: string, log?: CleanLog): RawSong[] {
  const songs: RawSong[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const first = line.indexOf("\t");
    const last = line.lastIndexOf("\t");
    if (first < 0 || last === first) throw new Error(`song_hash line without two tabs: ${JSON.stringify(line.slice(0, 80))}`);
    const id = Number(line.slice(0, first).trim());
    if (!Number.isInteger(id) || id < 0) throw new Error(`song_hash line with a bad id: ${JSON.stringify(line.slice(0, 80))}`);
    const title = cleanText(line.slice(first + 1, last), log);
    const artistRaw = cleanText(line.slice(last + 1), log);
    songs.push({ id, title, artist: artistRaw === "-" ? "" : artistRaw });
  }
  return songs;
}

/** tag_hash.txt: `<tag id>, <name>` per line -> names by id. */
export function parseTagHash(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const comma = line.indexOf(",");
    if (comma < 0) throw new Error(`tag_hash line without a comma: ${JSON.stringify(line)}`);
    names.set(Number(line.slice(0, comma).trim()), line.slice(comma + 1).trim());
  }
  return names;
}

/** tags.txt: line i = the tag ids of song i, `#` = untagged. Returns tag names per song id. */
export function parseTags(text: string, tagNames: ReadonlyMap<number, string>): string[][] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => {
    const t = line.trim();
    if (t === "" || t === "#") return [];
    const out: string[] = [];
    for (const id of t.split(/\s+/)) {
      const name = tagNames.get(Number(id));
      if (name !== undefined && !out.includes(name)) out.push(name);
    }
    return out;
  });
}

/** train.txt: two header lines (song ids, counts), then playlists of song ids. */
export function parsePlaylists(text: string): Int32Array[] {
  const lines = text.split("\n");
  const playlists: Int32Array[] = [];
  for (let i = 2; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    playlists.push(Int32Array.from(t.split(/\s+/), Number));
  }
  return playlists;
}

/** The key two ids must share to be merged: cleaned title + artist, case and spacing ignored. */
export function songKey(title: string, artist: string): string {
  return `${title.toLowerCase()}\u0000${artist.toLowerCase()}`;
}

/** Placeholder rows ("-" by "-", "MG_DELETED"): no song a listener could ask for. */
export function isPlaceholder(song: Pick<RawSong, "title" | "artist">): boolean {
  return song.title === "" || song.title === "-" || song.title === "MG_DELETED";
}

export interface Catalogue {
  /** Canonical songs (the lowest id of each title + artist), by id. */
  songs: Map<number, RawSong & { aliases: number[]; tags: string[] }>;
  /** Every id (aliases included) -> its canonical id. */
  canonical: Map<number, number>;
  merged: number;
  /** Placeholder ids left out (their plays are dropped from the playlists). */
  placeholders: number;
}

/** Merges ids that share title + artist (the lowest id wins; tags are united); unknown-artist songs stay apart. */
export function buildCatalogue(raw: readonly RawSong[], tagsById: readonly (readonly string[])[] = []): Catalogue {
  const byKey = new Map<string, number>();
  const songs: Catalogue["songs"] = new Map();
  const canonical = new Map<number, number>();
  let merged = 0;
  let placeholders = 0;
  for (const song of [...raw].sort((a, b) => a.id - b.id)) {
    if (isPlaceholder(song)) {
      placeholders++;
      continue;
    }
    // Songs of unknown artist ("-") are never merged: "Intro" by nobody is many songs.
    const key = song.artist === "" ? null : songKey(song.title, song.artist);
    const first = key === null ? undefined : byKey.get(key);
    const tags = tagsById[song.id] ?? [];
    if (first === undefined) {
      if (key !== null) byKey.set(key, song.id);
      songs.set(song.id, { ...song, aliases: [], tags: [...tags] });
      canonical.set(song.id, song.id);
    } else {
      const kept = songs.get(first)!;
      kept.aliases.push(song.id);
      for (const t of tags) if (!kept.tags.includes(t)) kept.tags.push(t);
      canonical.set(song.id, first);
      merged++;
    }
  }
  return { songs, canonical, merged, placeholders };
}

/** Playlists with every id replaced by its canonical id (unknown ids dropped). */
export function canonicalPlaylists(playlists: readonly Int32Array[], canonical: ReadonlyMap<number, number>): Int32Array[] {
  return playlists.map((p) => {
    const out: number[] = [];
    for (const id of p) {
      const c = canonical.get(id);
      if (c !== undefined) out.push(c);
    }
    return Int32Array.from(out);
  });
}
