// One colour per language for the universal numbers, in order of first appearance.
const PALETTE = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#65a30d", "#c026d3", "#475569"];

export function languageColours(languages: readonly string[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const language of languages) if (!colours.has(language)) colours.set(language, PALETTE[colours.size % PALETTE.length]);
  return colours;
}
