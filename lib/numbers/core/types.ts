// Shapes shared by the "Universal numbers" logic. Plain data only, so the
// result can be stored, sent as JSON and validated by ./schema.ts.

/** Raw input: language name -> wikitext lines of its phrasebook "Numbers" section. */
export type RawNumbersData = Record<string, string[]>;

export interface LanguageNumbers {
  name: string;
  /** Words for 1..10 as picked from the phrasebook (cleaned, not normalised). */
  words: string[];
  /** The same words reduced to a-z, as compared by the edit distance. */
  normalised: string[];
}

export interface UniversalNumber {
  /** 1..10 */
  number: number;
  /** The cleaned (not normalised) word, as the phrasebook gives it. */
  word: string;
  /** The language the word comes from. */
  language: string;
}

export interface LanguagePair {
  a: string;
  b: string;
  /** Mean over the ten numbers of (10 / (10 + d))^1.5; in (0, 1]. */
  score: number;
  /** Edit distance for each number 1..10. */
  distances: number[];
}

/** A node of the language tree: leaves carry a name, inner nodes children. */
export interface NumbersTreeNode {
  name?: string;
  children?: NumbersTreeNode[];
}

export interface ClosestLanguage {
  name: string;
  score: number;
}

export interface NumbersResult {
  /** Kept languages (all ten numbers found), in processing (code-point) order. */
  languages: LanguageNumbers[];
  universal: UniversalNumber[];
  /** Every pair once, best score first; ties keep processing order. */
  pairs: LanguagePair[];
  tree: NumbersTreeNode;
  /** Leaf names of `tree`, left to right (row order for a heat map). */
  treeOrder: string[];
  /** Per language, the five best-scoring other languages. */
  closest: Record<string, ClosestLanguage[]>;
}

export type AlignmentOp = "match" | "substitute" | "delete" | "insert";

export interface AlignmentStep {
  op: AlignmentOp;
  /** Character taken from the first word (absent for insert). */
  from?: string;
  /** Character taken from the second word (absent for delete). */
  to?: string;
  cost: number;
}

export interface DistanceWithAlignment {
  /** The first word after normalisation. */
  a: string;
  /** The second word after normalisation. */
  b: string;
  distance: number;
  /** Cheapest way to turn `a` into `b`; costs add up to `distance`. */
  alignment: AlignmentStep[];
}

/** A kept language as the page shows it: its words, tree position and closest languages. */
export interface StoredLanguage extends LanguageNumbers {
  /** Native spellings for 1..10 as the phrasebook writes them ("" where it gives none); see ./native.ts. */
  native: string[];
  /** Position among the tree's leaves. */
  treeOrder: number;
  closest: ClosestLanguage[];
}
