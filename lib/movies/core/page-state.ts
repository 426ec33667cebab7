// What the movies page keeps in its address and in localStorage: the film on show and the
// liked/disliked films, as Wikipedia-style titles ("Alien_(film)"), so a link opens the same
// film with the same taste and Back goes to the previous film. Browser-safe, no React.
import { MAX_TASTE_FILMS } from "./api-schema";

export interface MoviesPageState {
  film: string | null;
  liked: string[];
  disliked: string[];
}

export const TASTE_STORAGE_KEY = "movies.taste.v1";

/** "Alien (film)" <-> "Alien_(film)", as Wikipedia writes titles in URLs. */
const toUrlTitle = (title: string) => title.replace(/ /g, "_");
const fromUrlTitle = (title: string) => title.replace(/_/g, " ").replace(/\s+/g, " ").trim();

/** Titles from repeated parameters (`like=A&like=B`), also accepting `|` between titles (a character titles cannot contain). */
function titlesOf(params: URLSearchParams, name: string): string[] {
  const titles = params.getAll(name).flatMap((v) => v.split("|")).map(fromUrlTitle).filter(Boolean);
  return [...new Set(titles)].slice(0, MAX_TASTE_FILMS);
}

/** The state a query string asks for; `hasTaste` = it names likes or dislikes (a shared link), which then win over the stored ones. */
export function parsePageQuery(search: string): MoviesPageState & { hasTaste: boolean } {
  const params = new URLSearchParams(search);
  const film = fromUrlTitle(params.get("film") ?? "") || null;
  const liked = titlesOf(params, "like");
  const disliked = titlesOf(params, "dislike").filter((t) => !liked.includes(t));
  return { film, liked, disliked, hasTaste: params.has("like") || params.has("dislike") };
}

/** The query string for a state ("" when there is nothing to say). Readable: only spaces become `_`, and `(`, `)` stay. */
export function formatPageQuery(state: MoviesPageState): string {
  const parts: string[] = [];
  const add = (name: string, title: string) => parts.push(`${name}=${encodeURIComponent(toUrlTitle(title)).replace(/%28/g, "(").replace(/%29/g, ")")}`);
  if (state.film) add("film", state.film);
  for (const t of state.liked) add("like", t);
  for (const t of state.disliked) add("dislike", t);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** Stored likes/dislikes, tolerant of anything another version (or a person) left under the key. */
export function parseStoredTaste(raw: string | null): Pick<MoviesPageState, "liked" | "disliked"> {
  try {
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (!value || typeof value !== "object") return { liked: [], disliked: [] };
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((t): t is string => typeof t === "string" && t.trim() !== "").slice(0, MAX_TASTE_FILMS) : []);
    const liked = list((value as Record<string, unknown>).liked);
    return { liked, disliked: list((value as Record<string, unknown>).disliked).filter((t) => !liked.includes(t)) };
  } catch {
    return { liked: [], disliked: [] };
  }
}
