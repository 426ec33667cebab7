// What the /numbers page needs, read from the seeded tables in one go and
// shaped as plain, compact props for its client components.

import "server-only";
import type { Database } from "@/lib/db";
import { buildHeatmapData, type HeatmapData } from "../core/heatmap";
import { loadLanguages, loadPairs, loadTree, loadUniversal } from "./store";
import type { NumbersTreeNode, StoredLanguage, UniversalNumber } from "../core/types";

export interface NumbersPageData {
  universal: UniversalNumber[];
  /** Processing order, each with its tree position and closest languages. */
  languages: StoredLanguage[];
  heatmap: HeatmapData;
  tree: NumbersTreeNode;
}

export async function loadNumbersPageData(db: Database): Promise<NumbersPageData> {
  const [universal, languages, pairs, tree] = await Promise.all([loadUniversal(db), loadLanguages(db), loadPairs(db), loadTree(db)]);
  const treeOrder = [...languages].sort((x, y) => x.treeOrder - y.treeOrder).map((language) => language.name);
  return { universal, languages, heatmap: buildHeatmapData(treeOrder, pairs), tree };
}
