/**
 * Reading and writing the movie recommender's tables: `movie` (one row per film, with its
 * poster-map cell) and the film vectors in the shared vector store (collection "movies",
 * key = Wikipedia title, cosine). No HTTP here (errors are DomainErrors); the routes and the seed step call these.
 */
import "server-only";
import crypto from "node:crypto";
import { invalidInput, notFound } from "@/lib/errors";
import type { SqlDb } from "@/lib/db";
import { perSeedCache, seedStamp } from "@/lib/db/seed";
import { WordIndex } from "@/lib/text/word-index";
import { bruteForceNearest, normaliseRows } from "@/lib/ml/vectors";
import { nearestToKey, putVectors } from "@/lib/vector-search";
import { decodeEmbedding, EMBEDDING_AS_BASE64 } from "@/lib/vector-search/store";
import type { FilmDetail, FilmRef, MapResponse, ScoredFilm, TasteResponse } from "../core/api-schema";
import { SEARCH_RESULTS } from "../core/api-schema";
import type { MovieData } from "../core/format";
import { probabilityFromCosine, RANDOM_NEGATIVES, ROBUST_TASTE, sampleIndices, seedFromStrings, tasteClassifier, towardsLiked, weightNorm } from "../core/taste";
import { movieSearchKey, titleKey } from "../core/text";
import { linkNeighbours } from "./link-similarity";
import { mapRegions } from "../core/regions";

export const MOVIES_COLLECTION = "movies";


interface MovieRow {
  title: string;
  display_title: string;
  year: number | null;
  genres: string[] | null;
  thumbnail: string | null;
  popularity: number;
  grid_x: number;
  grid_y: number;
  cluster: number;
}

const DETAIL_COLUMNS = `title, display_title, year, genres, thumbnail, popularity, grid_x, grid_y, cluster`;

const toRef = (row: Pick<MovieRow, "title" | "display_title" | "year">): FilmRef => ({
  title: row.title,
  displayTitle: row.display_title,
  year: row.year === null ? null : Number(row.year),
});

const toDetail = (row: MovieRow): FilmDetail => ({
  ...toRef(row),
  genres: row.genres ?? [],
  thumbnail: row.thumbnail,
  popularity: Number(row.popularity),
  gridX: Number(row.grid_x),
  gridY: Number(row.grid_y),
  cluster: Number(row.cluster),
});

/** Replaces the demo's rows: the movie table in one transaction, then the "movies" vector collection. Returns rows written. */
export async function storeMovieData(db: SqlDb, data: Pick<MovieData, "films" | "filmVectors" | "dims" | "layout">, progress: (line: string) => void = () => undefined): Promise<number> {
  const { films, filmVectors, dims, layout } = data;
  const rows = films.map((f, position) => ({
    title: f.title,
    position,
    display_title: f.displayTitle,
    year: f.year,
    genres: f.genres,
    thumbnail: f.thumbnail,
    popularity: f.popularity,
    grid_x: layout.gridX[position],
    grid_y: layout.gridY[position],
    cluster: layout.cluster[position],
  }));
  let started = Date.now();
  await db.sql.transaction(async (tx) => {
    await tx.query(`DELETE FROM movie`);
    // One INSERT over a JSON array per 5000 rows: few round trips on either backend, exact doubles.
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.query(
        `INSERT INTO movie (title, position, display_title, year, genres, thumbnail, popularity, grid_x, grid_y, cluster)
         SELECT title, position, display_title, year, genres, thumbnail, popularity, grid_x, grid_y, cluster
           FROM jsonb_to_recordset($1::jsonb) AS t(title text, position int, display_title text, year int, genres text[], thumbnail text,
                popularity float8, grid_x int, grid_y int, cluster int)`,
        [JSON.stringify(rows.slice(i, i + 5000))],
      );
    }
  });
  progress(`${rows.length} films in ${Date.now() - started} ms`);
  started = Date.now();
  const items = films.map((f, i) => ({ key: f.title, vector: filmVectors.subarray(i * dims, (i + 1) * dims) }));
  await putVectors(db, MOVIES_COLLECTION, items, { metric: "cosine", replace: true });
  progress(`${items.length} vectors into "${MOVIES_COLLECTION}" in ${Date.now() - started} ms`);
  return rows.length + items.length;
}

/** How long a per-seed cache is trusted before the seed stamp is read again. */
const STAMP_RECHECK_MS = 1000;

/**
 * `cached` (a perSeedCache), asking the database for the seed stamp at most once a second
 * per database: the stamp query is the only database work of a search or a repeated similar
 * or taste request, and on the embedded database every query waits for the one before. A
 * re-seed shows at most a second later.
 */
function recheckedEverySecond<T>(cached: (db: Pick<SqlDb, "sql">) => Promise<T>): (db: Pick<SqlDb, "sql">) => Promise<T> {
  const last = new WeakMap<object, { at: number; value: Promise<T> }>();
  return (db) => {
    const hit = last.get(db.sql);
    if (hit && Date.now() - hit.at < STAMP_RECHECK_MS) return hit.value;
    const value = cached(db);
    last.set(db.sql, { at: Date.now(), value });
    value.catch(() => last.delete(db.sql));
    return value;
  };
}

/** The film search index, built from the seeded films once per seed (lib/text/word-index). */
const filmIndex = recheckedEverySecond(
  perSeedCache("movies", async (db): Promise<WordIndex<FilmRef>> => {
  const rows = await db.sql.query<Pick<MovieRow, "title" | "display_title" | "year" | "popularity">>(
    `SELECT title, display_title, year, popularity FROM movie ORDER BY position`,
  );
  const entries = rows.map((r) => ({
    item: toRef(r),
    primary: r.display_title,
    // The year as a second name: "alien 1979" finds Alien.
    secondary: r.year === null ? undefined : String(r.year),
    popularity: Number(r.popularity),
  }));
  return new WordIndex(entries, { fold: movieSearchKey, typos: true });
  }),
);

/** Loads the film search index and catalogue now (at server start) rather than on the first request. */
export async function warmFilmSearch(db: SqlDb): Promise<void> {
  const [index] = await Promise.all([filmIndex(db), filmCatalogue(db)]);
  index.prepareTypos();
}

/**
 * Autocomplete from an in-memory index (lib/text/word-index): the display title equals the
 * query, then starts with it, then has every query word at the start of one of its words
 * (or the year); each tier best known first. Case, accents, punctuation and a leading
 * article are ignored, and roman numerals equal digits ("part 2" = "Part II").
 */
export async function searchMovies(db: SqlDb, query: string, limit = SEARCH_RESULTS): Promise<FilmRef[]> {
  return (await filmIndex(db)).search(query, limit);
}

export async function movieByTitle(db: SqlDb, title: string): Promise<FilmDetail | null> {
  let rows = await db.sql.query<MovieRow>(`SELECT ${DETAIL_COLUMNS} FROM movie WHERE title = $1`, [title]);
  if (!rows.length) {
    rows = await db.sql.query<MovieRow>(`SELECT ${DETAIL_COLUMNS} FROM movie WHERE lower(title) = lower($1) ORDER BY popularity DESC LIMIT 1`, [title]);
  }
  return rows.length ? toDetail(rows[0]) : null;
}

/** The films with these titles, in the order asked (unknown titles left out). */
export async function moviesByTitles(db: SqlDb, titles: readonly string[]): Promise<FilmDetail[]> {
  if (!titles.length) return [];
  const rows = await db.sql.query<MovieRow>(`SELECT ${DETAIL_COLUMNS} FROM movie WHERE title = ANY($1::text[])`, [titles]);
  const byTitle = new Map(rows.map((r) => [r.title, toDetail(r)]));
  return titles.flatMap((t) => byTitle.get(t) ?? []);
}

/**
 * At most this many autocomplete scans per unknown title: the title and 8 prefixes a
 * character shorter each, then up to 7 a word shorter each (a title of up to ~8 words gets
 * every attempt it got before; a 512-character title of two-letter words cost ~170 scans,
 * 2.4 s).
 */
export const MAX_SUGGESTION_SCANS = 16;

async function unknownTitle(db: SqlDb, title: string): Promise<never> {
  // The closest titles: the text as a prefix, else ever shorter prefixes ("Toy Storey" ->
  // "Toy Story"): a character at a time for a while, then a word at a time.
  const index = await filmIndex(db);
  let key = titleKey(title.replace(/\s*\([^)]*\)\s*$/, ""));
  let suggestions: FilmRef[] = [];
  for (let attempt = 0; attempt < MAX_SUGGESTION_SCANS && key.length >= 2 && !suggestions.length; attempt++) {
    suggestions = index.search(key, 5);
    key = attempt < 8 ? key.slice(0, -1).trim() : key.split(" ").slice(0, -1).join(" ");
  }
  throw notFound("unknown_title", `No film titled "${title}".${suggestions.length ? ` Did you mean "${suggestions[0].title}"?` : ""}`, {
    suggestions,
  });
}

/** Answers kept per seed (most similar lists, taste rankings): they never change until the next seed. */
const ANSWER_CACHE_SIZE = 5000;

/** Remembers `value` under `key`, dropping the oldest entry when full (a Map iterates in insertion order). */
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= ANSWER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/**
 * Every film's details and vector, and the answers already computed, once per seed: a
 * similar or taste request is then map lookups and arithmetic in memory (no database round
 * trip on the embedded, single-threaded database, where every query waits for the one before).
 */
const filmCatalogue = recheckedEverySecond(
  perSeedCache("movies", async (db) => {
  const rows = await db.sql.query<MovieRow & { embedding: string | null }>(
    `SELECT ${DETAIL_COLUMNS.split(", ")
      .map((c) => `m.${c}`)
      .join(", ")}, ${EMBEDDING_AS_BASE64} AS embedding
       FROM movie m LEFT JOIN vector_item v ON v.collection = $1 AND v.key = m.title
      ORDER BY m.position`,
    [MOVIES_COLLECTION],
  );
  const byTitle = new Map<string, FilmDetail>();
  const byLowerTitle = new Map<string, FilmDetail>();
  for (const row of [...rows].sort((a, b) => Number(b.popularity) - Number(a.popularity))) {
    const film = toDetail(row);
    byTitle.set(film.title, film);
    if (!byLowerTitle.has(film.title.toLowerCase())) byLowerTitle.set(film.title.toLowerCase(), film);
  }
  // Film vectors in position order (the films with a vector), raw and unit length.
  const withVector = rows.filter((r) => r.embedding !== null);
  const vectors = withVector.map((r) => decodeEmbedding(r.embedding!));
  const dims = vectors[0]?.length ?? 0;
  const matrix = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => matrix.set(v, i * dims));
  return {
    byTitle,
    byLowerTitle,
    /** Titles with a vector, position order; row i of `unit` and `vectorOf`. */
    vectorTitles: withVector.map((r) => r.title),
    vectorOf: new Map(withVector.map((r, i) => [r.title, vectors[i]])),
    unit: normaliseRows(matrix, dims),
    dims,
    similar: new Map<string, string>(),
    taste: new Map<string, string>(),
  };
  }),
);

/** The film and its k most similar films as the JSON body of /api/movies/similar, kept per (title, k) until the next seed. */
export async function similarMoviesJson(db: SqlDb, title: string, k: number): Promise<string> {
  const catalogue = await filmCatalogue(db);
  const movie = catalogue.byTitle.get(title) ?? catalogue.byLowerTitle.get(title.toLowerCase()) ?? (await unknownTitle(db, title));
  const key = `${k}\n${movie.title}`;
  return catalogue.similar.get(key) ?? remember(catalogue.similar, key, JSON.stringify(await similarTo(db, catalogue, movie, k)));
}

/** The film and its k most similar films (shared links blended with the film vectors' cosine). */
export async function similarMovies(db: SqlDb, title: string, k: number): Promise<{ movie: FilmDetail; similar: ScoredFilm[] }> {
  return JSON.parse(await similarMoviesJson(db, title, k));
}

async function similarTo(db: SqlDb, catalogue: Awaited<ReturnType<typeof filmCatalogue>>, movie: FilmDetail, k: number): Promise<{ movie: FilmDetail; similar: ScoredFilm[] }> {
  // Shared links (kind x IDF) blended with the embedding (./link-similarity); the plain
  // embedding neighbours fill up for a film with too few link-sharing films.
  const byLinks = (await linkNeighbours(db, movie.title, k)) ?? [];
  const hits = byLinks.length < k ? await nearestToKey(db, MOVIES_COLLECTION, movie.title, { k: k + byLinks.length }) : [];
  const taken = new Set(byLinks.map((h) => h.title));
  const all = [...byLinks, ...hits.filter((h) => !taken.has(h.key)).map((h) => ({ title: h.key, score: h.score, shared: [] }))].slice(0, k);
  const similar = all.flatMap((h) => {
    const f = catalogue.byTitle.get(h.title);
    return f ? [{ title: f.title, displayTitle: f.displayTitle, year: f.year, score: h.score, shared: h.shared }] : [];
  });
  return { movie, similar };
}

/** Film vectors by title (from the vector store). */
export async function movieVectors(db: SqlDb, titles: readonly string[]): Promise<Map<string, Float32Array>> {
  if (!titles.length) return new Map();
  const rows = await db.sql.query<{ key: string; embedding: string }>(
    `SELECT key, ${EMBEDDING_AS_BASE64} AS embedding FROM vector_item WHERE collection = $1 AND key = ANY($2::text[])`,
    [MOVIES_COLLECTION, titles],
  );
  return new Map(rows.map((r) => [r.key, decodeEmbedding(r.embedding)]));
}

/**
 * "Your taste": logistic regression on the liked (1) and disliked (0) films' vectors, with
 * RANDOM_NEGATIVES random catalogue films as weak negatives (kept with dislikes too, and
 * turned towards the liked films' mean: ROBUST_TASTE, see core/taste); the catalogue
 * (input films excluded) ranked by P(liked), best and worst k.
 */
export async function tasteRanking(db: SqlDb, liked: readonly string[], disliked: readonly string[], k: number): Promise<TasteResponse> {
  return JSON.parse(await tasteRankingJson(db, liked, disliked, k));
}

/** tasteRanking as the JSON body of /api/movies/taste, computed in memory and kept per input until the next seed. */
export async function tasteRankingJson(db: SqlDb, liked: readonly string[], disliked: readonly string[], k: number): Promise<string> {
  const likedSet = [...new Set(liked)];
  const dislikedSet = [...new Set(disliked)];
  const both = likedSet.filter((t) => dislikedSet.includes(t));
  if (both.length) throw invalidInput("liked_and_disliked", `Liked and disliked at once: ${both.map((t) => `"${t}"`).join(", ")}.`, { titles: both });
  const catalogue = await filmCatalogue(db);
  const unknown = [...likedSet, ...dislikedSet].filter((t) => !catalogue.vectorOf.has(t));
  if (unknown.length) {
    throw invalidInput("unknown_titles", `Unknown film title${unknown.length > 1 ? "s" : ""}: ${unknown.map((t) => `"${t}"`).join(", ")}.`, { titles: unknown });
  }
  const key = JSON.stringify([likedSet, dislikedSet, k]);
  return catalogue.taste.get(key) ?? remember(catalogue.taste, key, JSON.stringify(rankByTaste(catalogue, likedSet, dislikedSet, k)));
}

function rankByTaste(catalogue: Awaited<ReturnType<typeof filmCatalogue>>, likedSet: string[], dislikedSet: string[], k: number): TasteResponse {
  const { vectorTitles, vectorOf, unit, dims } = catalogue;
  const positions = sampleIndices(vectorTitles.length, RANDOM_NEGATIVES + likedSet.length, seedFromStrings([...likedSet].sort()));
  // Position order, as the database returned the sampled rows before.
  const weak = [...positions]
    .sort((a, b) => a - b)
    .map((p) => vectorTitles[p])
    .filter((t) => !likedSet.includes(t))
    .slice(0, RANDOM_NEGATIVES)
    .map((t) => vectorOf.get(t)!);
  const likedVectors = likedSet.map((t) => vectorOf.get(t)!);
  const classifier = tasteClassifier(likedVectors, dislikedSet.map((t) => vectorOf.get(t)!), weak, ROBUST_TASTE);
  // Best picks: the classifier turned towards the liked films (robust to one dislike); worst: the classifier alone.
  const model = towardsLiked(classifier, likedVectors, ROBUST_TASTE.prior);
  const training = { liked: likedSet.length, disliked: dislikedSet.length, randomNegatives: weak.length };
  const norm = weightNorm(model);
  if (!(norm > 1e-9)) return { best: [], worst: [], training };
  const input = new Set([...likedSet, ...dislikedSet].map((t) => vectorTitles.indexOf(t)));
  // For unit rows, w·x ranks exactly like the cosine of x and w: best = nearest to w, worst = nearest to -w.
  const ranked = (m: typeof model, sign: 1 | -1, by: typeof model): ScoredFilm[] =>
    bruteForceNearest(unit, dims, Float32Array.from(m.weights, (x) => (sign * x) / weightNorm(m)), k, "cosine", input).flatMap((h) => {
      const f = catalogue.byTitle.get(vectorTitles[h.index]);
      return f ? [{ title: f.title, displayTitle: f.displayTitle, year: f.year, score: probabilityFromCosine(by, sign * (1 - h.distance)) }] : [];
    });
  return { best: ranked(model, 1, model), worst: ranked(classifier, -1, classifier), training };
}

// ---------------------------------------------------------------- map

let mapCache: { hash: string; body: string; etag: string } | undefined;

/** The whole catalogue's poster positions as compact parallel arrays (cached per seed). */
export async function movieMap(db: SqlDb): Promise<{ body: string; etag: string }> {
  const hash = await seedStamp(db.sql, "movies");
  if (hash && mapCache?.hash === hash) return mapCache;
  const [stats] = await db.sql.query<{ n: number; mx: number | null; my: number | null; mc: number | null }>(
    `SELECT count(*)::int AS n, max(grid_x) AS mx, max(grid_y) AS my, max(cluster) AS mc FROM movie`,
  );
  const films = await db.sql.query<MovieRow>(`SELECT title, display_title, year, genres, grid_x, grid_y, cluster FROM movie ORDER BY position`);
  const version = crypto
    .createHash("sha256")
    .update(hash ?? `unseeded:${films.map((f) => f.title).join("\n")}`)
    .digest("hex")
    .slice(0, 16);
  const map: MapResponse = {
    version,
    cols: Number(stats.mx ?? -1) + 1,
    rows: Number(stats.my ?? -1) + 1,
    clusters: Number(stats.mc ?? -1) + 1,
    titles: films.map((f) => f.title),
    displayTitles: films.map((f) => (f.display_title === f.title ? null : f.display_title)),
    years: films.map((f) => (f.year === null ? null : Number(f.year))),
    gridX: films.map((f) => Number(f.grid_x)),
    gridY: films.map((f) => Number(f.grid_y)),
    cluster: films.map((f) => Number(f.cluster)),
    regions: mapRegions(films.map((f) => ({ genres: f.genres ?? [], year: f.year === null ? null : Number(f.year), cluster: Number(f.cluster), gx: Number(f.grid_x), gy: Number(f.grid_y) }))),
  };
  const result = { hash: hash ?? "", body: JSON.stringify(map), etag: `"movies-map-${version}"` };
  if (hash) mapCache = result;
  return result;
}

/** Films in the catalogue and k-means clusters of the map (for the page). */
export async function movieCatalogueStats(db: SqlDb): Promise<{ films: number; clusters: number; minYear: number | null; maxYear: number | null }> {
  const [row] = await db.sql.query<{ films: number; clusters: number | null; min_year: number | null; max_year: number | null }>(
    `SELECT count(*)::int AS films, max(cluster) + 1 AS clusters, min(year) AS min_year, max(year) AS max_year FROM movie`,
  );
  return {
    films: Number(row.films),
    clusters: Number(row.clusters ?? 0),
    minYear: row.min_year === null ? null : Number(row.min_year),
    maxYear: row.max_year === null ? null : Number(row.max_year),
  };
}

const THUMB_PREFIX = "https://upload.wikimedia.org/wikipedia/";
let thumbCache: { hash: string; body: string; etag: string } | undefined;

/** Poster URLs in map order: `{ version, prefix, thumbnails }`, each URL without `prefix` when it starts with it. */
export async function movieThumbnails(db: SqlDb): Promise<{ body: string; etag: string }> {
  const map = await movieMap(db);
  if (thumbCache?.hash === map.etag) return thumbCache;
  const rows = await db.sql.query<{ thumbnail: string | null }>(`SELECT thumbnail FROM movie ORDER BY position`);
  const thumbnails = rows.map((r) => (r.thumbnail?.startsWith(THUMB_PREFIX) ? r.thumbnail.slice(THUMB_PREFIX.length) : r.thumbnail));
  thumbCache = { hash: map.etag, body: JSON.stringify({ prefix: THUMB_PREFIX, thumbnails }), etag: map.etag.replace("movies-map-", "movies-thumbs-") };
  return thumbCache;
}
