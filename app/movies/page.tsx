import type { Metadata } from "next";
import { MoviesDemo } from "@/components/movies/MoviesDemo";
import { getDatabase } from "@/lib/server/database";
import { movieCatalogueStats } from "@/lib/movies/server/store";
import "./movies.css";

export const metadata: Metadata = {
  title: "Movie recommender",
  description: "Similar films from what their Wikipedia articles link to, your taste as a linear classifier, and a zoomable poster map of 20,000 films.",
};
export const dynamic = "force-dynamic";

/** Movie recommender: search, similar films, a poster map of the whole catalogue and "your taste". */
export default async function MoviesPage() {
  const db = await getDatabase();
  const stats = await movieCatalogueStats(db);
  return (
    <article className="mv-page">
      <header className="intro">
        <h1>Movie recommender</h1>
        <p>
          Films whose Wikipedia articles link to the same pages (cast, director, studio, genre, the book it is based on, its
          sequels) are similar. A small network learned a 50-number vector for each of {stats.films.toLocaleString("en")} American
          films{stats.minYear && stats.maxYear ? ` (${stats.minYear}–${stats.maxYear})` : ""} from those links; similar films are
          the nearest vectors.
        </p>
      </header>

      <MoviesDemo clusters={stats.clusters} />

      <section className="mv-section" aria-labelledby="mv-method">
        <h2 id="mv-method">How it works</h2>
        <p>
          Every film article links to other articles: actors, the director, the studio, the genre, the novel it adapts, the
          other films of its series. The model gets a vector for each film and each link target and learns to make their
          cosine high for real (film, link) pairs and low for random ones. Films with similar links end up with similar vectors,
          so &ldquo;most similar&rdquo; is the cosine of two film vectors, searched over the whole catalogue.
        </p>
        <p>
          The map places every film by a 2-D UMAP projection of the vectors, snapped to a grid of posters, one film per cell;
          colours are 30 k-means clusters of the vectors. &ldquo;Your taste&rdquo; trains a logistic regression on the vectors of
          the films you liked and disliked and ranks the catalogue by it, as in the original notebook.
        </p>
        <p className="mv-credit">
          After Douwe Osinga, &ldquo;Movie Recommendations&rdquo; (2017). Film data: Wikipedia contributors (
          <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>), via Peter Rust&rsquo;s movie-data scrape
          (MIT), and <a href="https://www.dbpedia.org/">DBpedia</a> (CC BY-SA 3.0). Poster images, when shown, are loaded from
          Wikimedia Commons / Wikipedia.
        </p>
      </section>
    </article>
  );
}
