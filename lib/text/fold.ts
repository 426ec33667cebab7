// One way to compare names and titles typed by people with names and titles in data:
// lower case, accents folded, "&" read as "and", punctuation gone, spaces collapsed.
// Browser-safe and pure.

/** "Beyoncé & Jay-Z" -> "beyonce and jay z". */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    // Apostrophes join a word ("don't" -> "dont"), other punctuation separates words.
    .replace(/['\u2019`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
