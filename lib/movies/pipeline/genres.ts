// Genre labels of the film lists -> the Wikipedia articles a film article links
// for its genre ("Science Fiction" -> "Science fiction film").

import { nameKey } from "../core/text";

const GENRE_TITLES: Record<string, string> = {
  drama: "Drama (film and television)",
  comedy: "Comedy film",
  silent: "Silent film",
  western: "Western (genre)",
  romance: "Romance film",
  romantic: "Romance film",
  crime: "Crime film",
  action: "Action film",
  thriller: "Thriller film",
  musical: "Musical film",
  music: "Musical film",
  adventure: "Adventure film",
  horror: "Horror film",
  war: "War film",
  "science fiction": "Science fiction film",
  "sci fi": "Science fiction film",
  scifi: "Science fiction film",
  mystery: "Mystery film",
  noir: "Film noir",
  "film noir": "Film noir",
  short: "Short film",
  animated: "Animated film",
  animation: "Animated film",
  fantasy: "Fantasy film",
  biography: "Biographical film",
  biographical: "Biographical film",
  biopic: "Biographical film",
  historical: "Historical film",
  history: "Historical film",
  period: "Historical film",
  documentary: "Documentary film",
  sports: "Sports film",
  sport: "Sports film",
  family: "Family film",
  independent: "Independent film",
  supernatural: "Supernatural fiction",
  erotic: "Erotic film",
  slasher: "Slasher film",
  superhero: "Superhero film",
  spy: "Spy film",
  teen: "Teen film",
  satire: "Satire",
  satirical: "Satire",
  suspense: "Suspense (genre)",
  political: "Political film",
  "martial arts": "Martial arts film",
  disaster: "Disaster film",
  legal: "Legal drama",
  performance: "Concert film",
  concert: "Concert film",
  "live action": "Live action",
  dance: "Dance film",
  "found footage": "Found footage (film technique)",
  epic: "Epic film",
  melodrama: "Melodrama",
  parody: "Parody film",
  spoof: "Parody film",
  serial: "Serial film",
  christmas: "Christmas film",
  psychological: "Psychological thriller",
  swashbuckler: "Swashbuckler film",
  exploitation: "Exploitation film",
  monster: "Monster movie",
  "black comedy": "Black comedy",
  "dark comedy": "Black comedy",
  "romantic comedy": "Romantic comedy",
  "romcom": "Romantic comedy",
  "comedy drama": "Comedy-drama",
  "crime drama": "Crime film",
  "action comedy": "Action comedy film",
  "buddy cop": "Buddy cop film",
  heist: "Heist film",
  zombie: "Zombie film",
  vampire: "Vampire film",
  "coming of age": "Coming-of-age story",
  "nature documentary": "Nature documentary",
  mockumentary: "Mockumentary",
  anthology: "Anthology film",
};

/** Wikipedia genre titles for one list label ("Action-comedy" -> both halves when no compound title exists). */
export function genreTitles(label: string): string[] {
  const key = nameKey(label);
  if (!key) return [];
  const whole = GENRE_TITLES[key];
  if (whole) return [whole];
  const out = new Set<string>();
  const words = key.split(" ");
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? GENRE_TITLES[`${words[i]} ${words[i + 1]}`] : undefined;
    if (two) {
      out.add(two);
      i++;
      continue;
    }
    const one = GENRE_TITLES[words[i]];
    if (one) out.add(one);
  }
  return [...out];
}
