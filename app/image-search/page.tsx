import type { Metadata } from "next";
import { ImageSearch } from "@/components/image-search/ImageSearch";
import { getDatabase } from "@/lib/server/database";
import { loadCalibration } from "@/lib/image-search/server/search";
import { listClasses } from "@/lib/image-search/server/store";
import "./image-search.css";

export const metadata: Metadata = {
  title: "Reverse image search",
  description: "Drop in a photo: a pretrained classifier's last hidden layer finds the nearest of 4,295 Caltech-101 photos, or says there is no good match.",
};
export const dynamic = "force-dynamic";

/** Reverse image search: the photo is embedded in the browser; the server only sees the vector. */
export default async function ImageSearchPage() {
  const db = await getDatabase();
  const classes = await listClasses(db);
  const calibration = loadCalibration();
  const indexed = classes.reduce((s, c) => s + c.index, 0);
  const heldOut = classes.reduce((s, c) => s + c.query + c.background, 0);
  const objectClasses = classes.filter((c) => c.index > 0).length;
  return (
    <article className="img-page">
      <header className="intro">
        <h1>Reverse image search</h1>
        <p>
          Drop in a photo and get the most similar of {indexed.toLocaleString("en")} photos in {objectClasses} classes, or an
          honest &ldquo;no good match&rdquo;. A pretrained image classifier (MobileNet) runs in your browser; its last hidden
          layer, 768 numbers, is the photo&rsquo;s fingerprint, and only those numbers are sent to the server.
        </p>
      </header>

      <ImageSearch classes={classes} threshold={calibration.threshold} />

      <section className="img-section img-method" aria-labelledby="img-method">
        <h2 id="img-method">How it works</h2>
        <p>
          A classifier trained on ImageNet has to describe a photo in its last layers well enough to tell 1,000 kinds of
          things apart, so photos of similar things end up with similar vectors even for classes it never saw. Your photo is
          cropped to its centre square, resized to 224&times;224 and run through MobileNet v1 in a web worker; the server
          finds the nearest photos by cosine similarity.
        </p>
        <p>
          The confidence is the probability that the best match shows the same kind of thing, from how similar it is and how
          many of the ten nearest photos agree on their class. It was fitted on half of the {heldOut.toLocaleString("en")} photos
          held out of the collection (including 200 cluttered &ldquo;background&rdquo; photos of nothing in particular)
          and checked on the other half; below {Math.round(calibration.threshold * 100)}% the page says there is no good match.
        </p>
        <p className="img-credit">
          After Douwe Osinga, &ldquo;Building a Reverse Image Search Engine using a Pretrained Image Classifier&rdquo; (2017).
          Photos: Caltech-101, L. Fei-Fei, R. Fergus and P. Perona (CaltechDATA,{" "}
          <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>). Model: MobileNet v1 0.75/224, Google (Apache
          2.0).
        </p>
      </section>
    </article>
  );
}
