"use client";

import { useMemo, useState } from "react";
import type { HeatmapData } from "@/lib/numbers/core/heatmap";
import type { StoredLanguage } from "@/lib/numbers/core/types";
import type { NumbersTreeNode, UniversalNumber } from "@/lib/numbers/core/types";
import { DistanceHeatmap } from "./DistanceHeatmap";
import { LanguageDendrogram } from "./LanguageDendrogram";
import { LanguageTable } from "./LanguageTable";

/** The table, heat map and tree, sharing one selected language: pick it in any of them and the others show it too. */
export function NumbersExplorer(props: { languages: StoredLanguage[]; universal: UniversalNumber[]; heatmap: HeatmapData; tree: NumbersTreeNode }) {
  const [selected, setSelected] = useState<string | null>(null);
  const words = useMemo(() => new Map(props.languages.map((l) => [l.name, l.words])), [props.languages]);
  return (
    <>
      <LanguageTable languages={props.languages} universal={props.universal} selected={selected} onSelect={setSelected} />
      <DistanceHeatmap data={props.heatmap} words={words} selected={selected} onSelect={setSelected} />
      <LanguageDendrogram tree={props.tree} selected={selected} onSelect={setSelected} />
    </>
  );
}
