// Company names as Wikipedia article titles. The sources name studios in many
// ways ("MGM", "Metro-Goldwyn-Mayer", "Warner Bros", "Warner Brothers",
// "20th Century-Fox", "Twentieth Century Fox"); these aliases join them.

import { nameKey } from "../core/text";

const ALIASES: [string, string[]][] = [
  ["Metro-Goldwyn-Mayer", ["MGM", "M-G-M", "Metro Goldwyn Mayer", "Metro-Goldwyn-Mayer Pictures", "Metro-Goldwyn-Mayer Studios", "MGM Studios", "Loew's"]],
  ["Warner Bros.", ["Warner Bros", "Warner Brothers", "Warner Bros. Pictures", "Warner Brothers Pictures", "Warner", "Warners", "Warner Bros.-First National", "Warner Bros. Entertainment"]],
  ["20th Century Fox", ["20th Century-Fox", "Twentieth Century Fox", "Twentieth Century-Fox", "20th Century Fox Film Corporation", "Twentieth Century-Fox Film Corporation", "Twentieth Century Fox Film Corporation", "20th Century Studios", "20th Century-Fox Film Corporation"]],
  ["Universal Pictures", ["Universal", "Universal Studios", "Universal Film Manufacturing Company", "Universal-International", "Universal International", "Universal International Pictures"]],
  ["Paramount Pictures", ["Paramount", "Paramount Famous Lasky Corporation", "Paramount Publix"]],
  ["Columbia Pictures", ["Columbia", "Columbia Pictures Corporation"]],
  ["RKO Pictures", ["RKO", "RKO Radio Pictures", "RKO Radio", "RKO Pathé", "RKO-Pathé"]],
  ["United Artists", ["UA", "United Artists Corporation"]],
  ["Republic Pictures", ["Republic"]],
  ["Monogram Pictures", ["Monogram"]],
  ["Allied Artists Pictures", ["Allied Artists", "Allied Artists Pictures Corporation"]],
  ["American International Pictures", ["AIP", "A.I.P.", "American International", "American International Productions"]],
  ["Lionsgate Films", ["Lionsgate", "Lions Gate", "Lions Gate Films", "Lions Gate Entertainment", "Lionsgate Entertainment"]],
  ["Walt Disney Pictures", ["Disney", "Walt Disney", "Walt Disney Productions", "Walt Disney Studios"]],
  ["Orion Pictures", ["Orion"]],
  ["TriStar Pictures", ["TriStar", "Tri-Star", "Tri-Star Pictures"]],
  ["Miramax", ["Miramax Films"]],
  ["New World Pictures", ["New World"]],
  ["Embassy Pictures", ["Embassy", "Avco Embassy", "Avco Embassy Pictures"]],
  ["Eagle-Lion Films", ["Eagle-Lion", "Eagle Lion"]],
  ["Touchstone Pictures", ["Touchstone"]],
  ["Hollywood Pictures", []],
  ["DreamWorks Pictures", ["DreamWorks", "DreamWorks SKG"]],
  ["DreamWorks Animation", ["DreamWorks Animation SKG"]],
  ["Pixar", ["Pixar Animation Studios"]],
  ["Lucasfilm", ["Lucasfilm Ltd."]],
  ["Producers Releasing Corporation", ["PRC"]],
  ["Mutual Film", ["Mutual", "Mutual Film Corporation"]],
  ["Triangle Film Corporation", ["Triangle"]],
  ["Vitagraph Studios", ["Vitagraph", "Vitagraph Company of America", "Vitagraph Company"]],
  ["First National Pictures", ["First National", "Associated First National", "First National Exhibitors Circuit", "Associated First National Pictures"]],
  ["Goldwyn Pictures", ["Goldwyn Pictures Corporation"]],
  ["Samuel Goldwyn Productions", []],
  ["Famous Players-Lasky", ["Famous Players-Lasky Corporation", "Famous Players–Lasky"]],
  ["Pathé Exchange", ["Pathé", "Pathe", "Pathe Exchange"]],
  ["Dimension Films", ["Dimension"]],
  ["Summit Entertainment", ["Summit"]],
  ["The Weinstein Company", ["Weinstein Company"]],
  ["New Line Cinema", ["New Line"]],
  ["Focus Features", []],
  ["Fox Searchlight Pictures", ["Fox Searchlight", "Searchlight Pictures"]],
  ["Sony Pictures Classics", []],
  ["Screen Gems", []],
  ["Cannon Films", ["Cannon", "The Cannon Group", "Cannon Group"]],
  ["Buena Vista Distribution", ["Buena Vista", "Buena Vista Pictures", "Buena Vista Pictures Distribution", "Buena Vista Film Distribution Company"]],
  ["Walt Disney Studios Motion Pictures", []],
  ["Netflix", []],
];

/** nameKey of a studio name or alias -> its canonical title. */
const CANONICAL: ReadonlyMap<string, string> = new Map(ALIASES.flatMap(([title, aliases]) => [title, ...aliases].map((name) => [nameKey(name), title] as const)));

/** The canonical title of a known studio name or alias, else null. */
export function knownStudio(raw: string): string | null {
  return CANONICAL.get(nameKey(raw.replace(/^the\s+/i, ""))) ?? null;
}

/**
 * A company's Wikipedia title. "Fox" means Fox Film Corporation before its 1935
 * merger and 20th Century Fox after; unknown names keep their own spelling.
 */
export function studioTitle(raw: string, year: number | null): string {
  const name = raw.replace(/^the\s+/i, "").replace(/\s+/g, " ").trim();
  const key = nameKey(name);
  if (key === "fox" || key === "fox film" || key === "fox film corporation" || key === "william fox") {
    return year !== null && year >= 1935 ? "20th Century Fox" : "Fox Film Corporation";
  }
  return CANONICAL.get(key) ?? name;
}
