// A film article being built from the prust lists and DBpedia: its sources and
// the links found so far, counted per kind. Pure.

import { NATIONALITIES } from "../../core/text";
import type { LinkKind } from "../../core/types";
import type { LeadFacts } from "../lead";
import type { DbpediaEdge } from "./types";

export interface Candidate {
  title: string;
  displayTitle: string;
  year: number | null;
  genreLabels: string[];
  cast: string[];
  extract: string;
  thumbnail: string | null;
  directors: string[];
  notes: string[];
  dbpedia: DbpediaEdge[];
  lead: LeadFacts;
  /** Link title -> how often each kind named it. */
  links: Map<string, Map<LinkKind, number>>;
}

/** DBpedia property (edge file name) -> the kind of its links. */
export const DBPEDIA_KINDS: ReadonlyMap<string, LinkKind> = new Map<string, LinkKind>([
  ["starring", "cast"],
  ["director", "director"],
  ["writer", "writer"],
  ["producer", "producer"],
  ["musicComposer", "composer"],
  ["cinematography", "cinematographer"],
  ["editing", "editor"],
  ["distributor", "studio"],
]);

/** Capitalised phrases that are never link targets on their own. */
export const STOP_MENTIONS: ReadonlySet<string> = new Set(
  [
    "American", "British", "English", "French", "German", "Italian", "Canadian", "Australian", "Mexican", "Japanese", "Chinese", "Spanish", "Irish",
    "Scottish", "Russian", "Soviet", "Indian", "European", "African", "Asian", "Swedish", "Danish", "Dutch", "Greek", "Korean", "Hungarian", "Polish",
    "Austrian", "Swiss", "Jewish", "Christian", "Catholic", "Native", "Western", "Eastern", "Northern", "Southern", "Latin", "Hispanic", "Welsh", "Belgian",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas Eve",
    "The", "A", "An", "It", "He", "She", "They", "His", "Her", "Its", "Their", "This", "That", "These", "There", "When", "While", "After", "Before",
    "In", "On", "At", "As", "If", "Mr.", "Mrs.", "Miss", "Dr.", "Sr.", "Jr.", "St.", "Ms.", "Sir", "Lady", "Lord", "King", "Queen", "Prince", "Princess",
    "I", "II", "III", "IV", "V", "VI", "Part", "Part II", "Chapter", "Episode", "Film", "Movie", "Picture", "Pictures", "Studio", "Studios",
    "US", "U.S.", "USA", "U.S.A.", "UK", "Oscar", "God", "Jesus", "Christ", "Mrs", "Mr", "Dr", "Uncle", "Aunt", "Father", "Mother", "Captain", "Sheriff",
    "Me", "Don", "West", "Man", "You", "Love", "My", "Your", "We", "Us", "Him", "Them", "Our", "La", "Le", "El", "Los", "Las", "Der", "Die", "Das",
    "Inc.", "Ltd.", "The Movie", "The Film", "Part One", "Part Two", "Volume",
    "TV", "DVD", "Blu-ray", "VHS", "CD", "Internet", "Netflix Original", "Rotten Tomatoes", "Metacritic", "CinemaScore", "IMDb",
    "Doctor", "Professor", "Colonel", "General", "Major", "Sergeant", "Lieutenant", "Judge", "Officer", "Detective", "Inspector", "Agent",
    ...NATIONALITIES,
  ].map((s) => s.toLowerCase()),
);

/** Counts one more `kind` sighting of link `name`; stop words are not links. */
export function addLink(links: Map<string, Map<LinkKind, number>>, name: string, kind: LinkKind): void {
  const title = name.trim();
  if (!title || STOP_MENTIONS.has(title.toLowerCase())) return;
  let kinds = links.get(title);
  if (!kinds) links.set(title, (kinds = new Map()));
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
