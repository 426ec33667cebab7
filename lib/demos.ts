/** One slug per demo, the same in app/, app/api/, components/, lib/, scripts/, data/, tests/ and npm scripts. */
export type DemoSlug = "numbers" | "movies" | "image-search" | "radio" | "lights" | "draw" | "deep-ink";

/**
 * The demo registry: the seven demos, in gallery order. `live` demos have a page under
 * app/<slug>; each demo's seed steps are listed by slug in lib/server/seed-steps.ts.
 * Browser-safe (the gallery's components read it).
 */
export interface Demo {
  slug: DemoSlug;
  title: string;
  blurb: string;
  /** The 2017 blog post the demo re-creates. */
  post: string;
  live: boolean;
}

export const demos: Demo[] = [
  {
    slug: "numbers",
    title: "Universal numbers",
    blurb:
      "Edit distances between the words for one to ten in dozens of languages: the median word for each number, a distance matrix and a family tree of languages.",
    post: "Calculating the set of universal numbers",
    live: true,
  },
  {
    slug: "movies",
    title: "Movie recommender",
    blurb:
      "An embedding learned from what films' Wikipedia articles link to: similar films, your taste, and a zoomable map of the whole catalogue as posters.",
    post: "Movie Recommendations",
    live: true,
  },
  {
    slug: "image-search",
    title: "Reverse image search",
    blurb:
      "A pretrained classifier's last hidden layer as an image vector: drop in a photo and get the nearest photos, or an honest \"no match\".",
    post: "Building a Reverse Image Search Engine using a Pretrained Image Classifier",
    live: true,
  },
  {
    slug: "radio",
    title: "Song radio",
    blurb: "word2vec over radio playlists: seed a station with a few songs and it plays what belongs next to them.",
    post: "Building Spotify's Song Radio in 100 lines of Python",
    live: true,
  },
  {
    slug: "lights",
    title: "Auto lights",
    blurb: "A Dash button and the phones on the LAN switch Philips Hue lights when people come and go.",
    post: "Amazon Dash and Philips Hue",
    live: true,
  },
  {
    slug: "draw",
    title: "Learning to draw",
    blurb: "Brute-forced 4x4 icons, a recurrent network that draws icons stroke by stroke, and generated hieroglyphs.",
    post: "Learning to draw",
    live: true,
  },
  {
    slug: "deep-ink",
    title: "Deep Ink",
    blurb: "The image classifier draws: flip black and white pixels until the network sees what you asked for.",
    post: "Deep Ink",
    live: true,
  },
];

