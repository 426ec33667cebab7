// Compact files under data/movies/ (pure encode/decode; files.ts does the I/O):
//   movies.json   films, one per line: [title, displayTitle|null, year, [genre ids], thumbnail, popularity]
//   links.json    link names with kind and film count, one per line
//   pairs.bin     film -> link ids, varint delta-encoded
//   *.f16         vectors as little-endian IEEE float16, row-major
//   layout.json   grid cells, 2-D positions and cluster ids per film

import { LINK_KINDS, type Film, type Link, type LinkData, type LinkKind } from "./types";

const THUMB_PREFIX = "https://upload.wikimedia.org/wikipedia/";

export interface MoviesFile {
  version: 1;
  fields: string[];
  genres: string[];
  films: [string, string | null, number | null, number[], string | null, number][];
}

export function encodeMovies(films: readonly Film[]): string {
  const genres = [...new Set(films.flatMap((f) => f.genres))].sort();
  const genreId = new Map(genres.map((g, i) => [g, i]));
  const rows = films.map((f) =>
    JSON.stringify([
      f.title,
      f.displayTitle === f.title ? null : f.displayTitle,
      f.year,
      f.genres.map((g) => genreId.get(g)!),
      f.thumbnail && f.thumbnail.startsWith(THUMB_PREFIX) ? f.thumbnail.slice(THUMB_PREFIX.length) : f.thumbnail,
      f.popularity,
    ]),
  );
  const head = `{"version":1,"fields":["title","displayTitle","year","genres","thumbnail","popularity"],\n"genres":${JSON.stringify(genres)},\n"films":[\n`;
  return `${head}${rows.join(",\n")}\n]}\n`;
}

export function decodeMovies(text: string): Film[] {
  const file = JSON.parse(text) as MoviesFile;
  if (file.version !== 1) throw new Error(`movies.json: unsupported version ${String(file.version)}`);
  return file.films.map(([title, display, year, genres, thumb, popularity]) => ({
    title,
    displayTitle: display ?? title,
    year,
    genres: genres.map((g) => file.genres[g]),
    thumbnail: thumb === null ? null : /^https?:/.test(thumb) ? thumb : THUMB_PREFIX + thumb,
    popularity,
  }));
}

export function encodeLinks(links: readonly Link[]): string {
  const kindId = new Map(LINK_KINDS.map((k, i) => [k, i]));
  const rows = links.map((l) => JSON.stringify([l.name, kindId.get(l.kind)!, l.films]));
  return `{"version":1,"fields":["name","kind","films"],\n"kinds":${JSON.stringify(LINK_KINDS)},\n"links":[\n${rows.join(",\n")}\n]}\n`;
}

export function decodeLinks(text: string): Link[] {
  const file = JSON.parse(text) as { version: number; kinds: LinkKind[]; links: [string, number, number][] };
  if (file.version !== 1) throw new Error(`links.json: unsupported version ${file.version}`);
  return file.links.map(([name, kind, films]) => ({ name, kind: file.kinds[kind], films }));
}

// ---------------------------------------------------------------- pairs

const PAIRS_MAGIC = 0x5250564d; // "MVPR" little-endian

/** pairs.bin: 16-byte header (magic, version, films, links) + per film: count, then gaps between sorted link ids, as LEB128 varints. */
export function encodePairs(filmLinks: readonly Int32Array[], linkCount: number): Uint8Array {
  const bytes: number[] = [];
  const varint = (value: number) => {
    let v = value >>> 0;
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(v);
  };
  for (const ids of filmLinks) {
    varint(ids.length);
    let previous = -1;
    for (const id of ids) {
      if (id <= previous) throw new Error("link ids of a film must be strictly ascending");
      varint(id - previous - 1);
      previous = id;
    }
  }
  const out = new Uint8Array(16 + bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, PAIRS_MAGIC, true);
  view.setUint32(4, 1, true);
  view.setUint32(8, filmLinks.length, true);
  view.setUint32(12, linkCount, true);
  out.set(bytes, 16);
  return out;
}

export function decodePairs(data: Uint8Array): { filmLinks: Int32Array[]; linkCount: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 16 || view.getUint32(0, true) !== PAIRS_MAGIC) throw new Error("pairs.bin: bad magic");
  if (view.getUint32(4, true) !== 1) throw new Error("pairs.bin: unsupported version");
  const films = view.getUint32(8, true);
  const linkCount = view.getUint32(12, true);
  let pos = 16;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (pos >= data.length) throw new Error("pairs.bin: truncated");
      const b = data[pos++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
    }
  };
  const filmLinks: Int32Array[] = [];
  for (let f = 0; f < films; f++) {
    const ids = new Int32Array(varint());
    let previous = -1;
    for (let i = 0; i < ids.length; i++) {
      previous += varint() + 1;
      if (previous >= linkCount) throw new Error("pairs.bin: link id out of range");
      ids[i] = previous;
    }
    filmLinks.push(ids);
  }
  return { filmLinks, linkCount };
}

// ---------------------------------------------------------------- float16

export { decodeFloat16, encodeFloat16, fromFloat16Bits, toFloat16Bits } from "@/lib/binary/float16";

// ---------------------------------------------------------------- layout

export interface MovieLayout {
  /** Grid size in cells. */
  cols: number;
  rows: number;
  /** Per film: grid column and row (no two films share a cell). */
  gridX: Int32Array;
  gridY: Int32Array;
  /** Per film: the 2-D embedding before snapping (arbitrary units). */
  x: Float32Array;
  y: Float32Array;
  /** Per film: k-means cluster id of its vector (for poster colours). */
  cluster: Int32Array;
  clusters: number;
}

export function encodeLayout(layout: MovieLayout): string {
  const r = (v: number) => Math.round(v * 100) / 100;
  return `${JSON.stringify({
    version: 1,
    cols: layout.cols,
    rows: layout.rows,
    clusters: layout.clusters,
    fields: ["gridX", "gridY", "x", "y", "cluster"],
  }).slice(0, -1)},\n"films":[\n${Array.from(layout.gridX, (_, i) => JSON.stringify([layout.gridX[i], layout.gridY[i], r(layout.x[i]), r(layout.y[i]), layout.cluster[i]])).join(",\n")}\n]}\n`;
}

export function decodeLayout(text: string): MovieLayout {
  const file = JSON.parse(text) as { version: number; cols: number; rows: number; clusters: number; films: [number, number, number, number, number][] };
  if (file.version !== 1) throw new Error(`layout.json: unsupported version ${file.version}`);
  const n = file.films.length;
  const layout: MovieLayout = {
    cols: file.cols,
    rows: file.rows,
    clusters: file.clusters,
    gridX: new Int32Array(n),
    gridY: new Int32Array(n),
    x: new Float32Array(n),
    y: new Float32Array(n),
    cluster: new Int32Array(n),
  };
  file.films.forEach(([gx, gy, x, y, c], i) => {
    layout.gridX[i] = gx;
    layout.gridY[i] = gy;
    layout.x[i] = x;
    layout.y[i] = y;
    layout.cluster[i] = c;
  });
  return layout;
}

/** Films + links + pairs as the three text/binary files. */
export function encodeLinkData(data: LinkData): { movies: string; links: string; pairs: Uint8Array } {
  return { movies: encodeMovies(data.films), links: encodeLinks(data.links), pairs: encodePairs(data.filmLinks, data.links.length) };
}

/** data/movies/model.json: how the committed vectors were trained. */
export interface ModelInfo {
  version: 1;
  dims: number;
  films: number;
  links: number;
  dtype: "float16";
  /** Rows are scaled to unit length, so cosine = dot product. */
  normalised: true;
  training: Record<string, unknown>;
}

export interface MovieData extends LinkData {
  dims: number;
  /** films x dims, unit rows (float16 on disk). */
  filmVectors: Float32Array;
  /** links x dims, unit rows. */
  linkVectors: Float32Array;
  layout: MovieLayout;
}
