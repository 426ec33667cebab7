// Builds each film's set of outgoing links (as Wikipedia article titles) from the
// prust film lists and DBpedia (prust.ts) or from original NDJSON lines (original.ts);
// both end in finishLinkData (finish.ts).

export { isFilmLead } from "./candidates";
export { DEFAULT_MIN_FILMS_BY_KIND, finishLinkData } from "./finish";
export { buildFromOriginal, parseOriginalLine } from "./original";
export { splitPeople } from "./people";
export { buildFromPrust } from "./prust";
export type { BuildOptions, BuildStats, DbpediaEdge, Prust2016Entry, Prust2023Entry } from "./types";
