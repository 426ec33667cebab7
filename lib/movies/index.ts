// Movie recommender (Osinga 2017): films, their Wikipedia links, and a
// link/movie embedding. Pure logic here; data/movies/ holds the built files.
//
// Server side (seed step / API routes): `loadMovieData()` from "./files"
// returns films, link names and kinds, per-film link ids, unit film and link
// vectors (cosine = dot product) and the poster grid layout with cluster ids.

export type * from "./types";
export { LINK_KINDS } from "./types";
export { decodeFloat16, decodeLayout, decodeLinks, decodeMovies, decodePairs, encodeFloat16, encodeLayout, encodeLinks, encodeMovies, encodePairs } from "./format";
export type { MovieLayout } from "./format";
export { genreLabel, genreTitles } from "./genres";
export { displayTitleOf, nameKey, titleKey, wikiTitle } from "./text";
export { accumulateSample, linkWeights, normaliseRows, pairScore, pairsOf, trainEmbedding } from "./model";
export type { EmbeddingModel, EpochStats, PairList, TrainOptions, TrainResult } from "./model";
export { evaluateLinkPrediction, groupMembers, groupRecall, nearestByVector, splitHoldout } from "./evaluate";
export type { FilmGroup, GroupRecall, LinkPredictionResult } from "./evaluate";
export { QUALITY_GROUPS } from "./groups";
export { improveGridBySwaps, snapToGrid, snapToStrips, sphericalKMeans, umap2d } from "./layout";
export { clusterCoherence, gridImage, neighbourhoodPreservation } from "./layout-metrics";
export { buildFromOriginal, buildFromPrust, finishLinkData, parseOriginalLine } from "./links";
export type { BuildOptions, BuildStats, DbpediaEdge, Prust2016Entry, Prust2023Entry } from "./links";
export { filmLineFromArticle, outgoingLinks, rottenTomatoes, stripCode } from "./wikitext";
export { recommendFilms, linksForFilm, filmsForLink, searchFilms } from "./recommend";
