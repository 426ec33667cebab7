// Groups of films that should come out as neighbours, written down once from
// general film knowledge (not tuned to the model): film series, remakes of one
// story, the films linking to a director, one studio's films. Used by scripts/movies/train.ts
// and bench/movies-train.ts to report recall@10.

import type { FilmGroup } from "./evaluate";

export const QUALITY_GROUPS: FilmGroup[] = [
  // Series
  { name: "Harry Potter", kind: "series", title: /^Harry Potter and the /, years: [2001, 2011] },
  { name: "The Lord of the Rings", kind: "series", title: /^The Lord of the Rings: /, years: [2001, 2003] },
  { name: "The Hobbit", kind: "series", title: /^The Hobbit: /, years: [2012, 2014] },
  { name: "Toy Story", kind: "series", title: /^Toy Story(?: \d)?$/ },
  { name: "Rocky", kind: "series", title: /^(?:Rocky(?: II| III| IV| V| Balboa)?|Creed(?: II| III)?)$/, years: [1976, 2023] },
  { name: "Alien", kind: "series", title: /^(?:Alien|Aliens|Alien 3|Alien Resurrection|Prometheus|Alien: Covenant)$/, years: [1979, 2017] },
  { name: "Mission: Impossible", kind: "series", title: /^Mission: Impossible/ },
  { name: "Star Wars", kind: "series", title: /^(?:Star Wars(?:: Episode [IV]+ – .*|: The .*)?|The Empire Strikes Back|Return of the Jedi|Rogue One: A Star Wars Story|Solo: A Star Wars Story)$/, years: [1977, 2019] },
  { name: "Star Trek", kind: "series", title: /^Star Trek/, years: [1979, 2016] },
  { name: "Indiana Jones", kind: "series", title: /^(?:Raiders of the Lost Ark|Indiana Jones and the .*)$/ },
  { name: "Jurassic Park", kind: "series", title: /^(?:Jurassic Park(?: III)?|The Lost World: Jurassic Park|Jurassic World(?:: .*| Dominion)?)$/ },
  { name: "The Godfather", kind: "series", title: /^The Godfather(?: Part II| Part III)?$/, years: [1972, 1990] },
  { name: "Back to the Future", kind: "series", title: /^Back to the Future/ },
  { name: "Shrek", kind: "series", title: /^Shrek/, years: [2001, 2010] },
  { name: "The Matrix", kind: "series", title: /^The Matrix/ },
  { name: "Terminator", kind: "series", title: /^(?:The Terminator|Terminator .*)$/ },
  { name: "Die Hard", kind: "series", title: /Die Hard/, years: [1988, 2013] },
  { name: "Pirates of the Caribbean", kind: "series", title: /^Pirates of the Caribbean: / },
  { name: "The Hunger Games", kind: "series", title: /^The Hunger Games/ },
  { name: "Friday the 13th", kind: "series", title: /^(?:Friday the 13th|Jason X|Freddy vs\. Jason)/, years: [1980, 2009] },
  { name: "A Nightmare on Elm Street", kind: "series", title: /^(?:A Nightmare on Elm Street|Freddy's Dead|Wes Craven's New Nightmare)/ },
  { name: "Planet of the Apes", kind: "series", title: /Planet of the Apes$/ },
  { name: "X-Men", kind: "series", title: /^(?:X-Men(?:: .*)?|X2|The Wolverine|Logan|Deadpool(?: 2)?)$/, years: [2000, 2019] },
  { name: "Charlie Chan", kind: "series", title: /^Charlie Chan/ },
  { name: "Andy Hardy", kind: "series", title: /Andy Hardy/ },
  { name: "The Thin Man", kind: "series", title: /Thin Man/, years: [1934, 1947] },
  { name: "Blondie", kind: "series", title: /^Blondie/, years: [1938, 1950] },
  { name: "Paranormal Activity", kind: "series", title: /^Paranormal Activity/ },
  { name: "The Twilight Saga", kind: "series", title: /^(?:Twilight|The Twilight Saga: .*)$/, years: [2008, 2012] },
  { name: "Men in Black", kind: "series", title: /^Men in Black/ },
  { name: "Austin Powers", kind: "series", title: /^Austin Powers/ },
  { name: "Tarzan (1932-1948)", kind: "series", title: /Tarzan/, years: [1932, 1948] },
  { name: "Sherlock Holmes (1939-1946)", kind: "series", title: /Sherlock Holmes/, years: [1939, 1946] },
  // Remakes of one story
  { name: "A Star Is Born", kind: "remakes", title: /^A Star Is Born$/ },
  { name: "Little Women", kind: "remakes", title: /^Little Women$/ },
  { name: "King Kong", kind: "remakes", title: /^King Kong$/ },
  { name: "The Great Gatsby", kind: "remakes", title: /^The Great Gatsby$/ },
  { name: "Ben-Hur", kind: "remakes", title: /^Ben-Hur/ },
  // Films linking to a director (whatever the role: a producer credit counts too)
  { name: "Alfred Hitchcock", kind: "person", link: "Alfred Hitchcock" },
  { name: "Stanley Kubrick", kind: "person", link: "Stanley Kubrick" },
  { name: "Steven Spielberg", kind: "person", link: "Steven Spielberg" },
  { name: "Joel Coen", kind: "person", link: "Joel Coen" },
  { name: "Quentin Tarantino", kind: "person", link: "Quentin Tarantino" },
  // A studio's films
  { name: "Pixar", kind: "studio", link: "Pixar" },
];
