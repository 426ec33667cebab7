// "Universal numbers" (after Douwe Osinga, "Calculating the set of universal
// numbers", 2017): pure logic, plain data in and out. Schemas live in
// ./schema.ts (import it directly where zod is wanted).

export type * from "./types";
export { NUMBER_COUNT, cleanPronunciation, compareCodePoints, extractNumberWords, parseLanguages, parsePythonInt, pickWord, pyStrip, splitNumberLine } from "./parse";
export type { ParseOptions } from "./parse";
export { normaliseWord } from "./normalise";
export { SOUNDEX_CLASSES, distanceWithAlignment, indelCost, pairScore, powThreeHalves, soundexClass, substitutionCost, wordDistance } from "./distance";
export { SINGLE_LANGUAGE_FACTOR, buildLanguageTree, treeLeafOrder } from "./cluster";
export { CLOSEST_COUNT, computeNumbersResult, languageDistances, universalNumbers } from "./compute";
export type { ComputeOptions } from "./compute";
export { DEFAULT_MIN_SECTION_LINES, extractNumbersSection, parseHeading, phrasebookLanguage } from "./wikitext";
export type { WikiHeading } from "./wikitext";
export { extractPhrasebookNumbers, formatRawNumbersData } from "./dump";
export type { ExtractOptions } from "./dump";
