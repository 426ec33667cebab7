import type { Metadata } from "next";
import { ImageSearch } from "@/components/image-search/ImageSearch";
import { TradeoffCurve } from "@/components/image-search/TradeoffCurve";
import { curveOf } from "@/components/image-search/curve";
import { getDatabase } from "@/lib/server/database";
import { loadCalibration } from "@/lib/image-search/server/search";
import { INDEX_COLLECTION, listClasses } from "@/lib/image-search/server/store";
import { collectionInfo } from "@/lib/vector-search";
import "./image-search.css";

export const metadata: Metadata = {
  title: "Reverse image search",
  description: "Drop in a photo: a pretrained classifier's last hidden layer finds the nearest of 5,575 Caltech-101 photos, or says there is no good match.",
};

/** Precision@5 on the test half (data/image-search/README.md, "Through the app"). */
const PRECISION_AT_5 = { now: "88%", plainCosine: "86%" };
export const dynamic = "force-dynamic";

/** Reverse image search: the photo is embedded in the browser; the server only sees the vector. */
export default async function ImageSearchPage() {
  const db = await getDatabase();
  const classes = await listClasses(db);
  const calibration = loadCalibration();
  // The trade-off curve is optional in the calibration file: no curve, no plot.
  const curve = curveOf(calibration, calibration.threshold);
  const indexed = classes.reduce((s, c) => s + c.index, 0);
  const heldOut = classes.reduce((s, c) => s + c.query + c.background, 0);
  const testHalf = calibration.operatingPoint?.testHalf;
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const operatingPoint = testHalf
    ? { clutterCaught: percent(testHalf.backgroundNoMatch), falseNoMatch: percent(testHalf.inCollectionNoMatch) }
    : null;
  // What the search can find is what its vector collection holds: the "index" split, or every photo.
  const searchable = (await collectionInfo(db, INDEX_COLLECTION))?.itemCount ?? indexed;
  const allSearchable = searchable >= indexed + heldOut;
  const objectClasses = classes.filter((c) => c.index > 0).length;
  return (
    <article className="img-page">
      <header className="intro">
        <h1>Reverse image search</h1>
        <p>
          Drop in a photo and get the most similar of {searchable.toLocaleString("en")} photos in {objectClasses} classes, or an
          honest &ldquo;no good match&rdquo;. A pretrained image classifier (MobileNet) runs in your browser; its last hidden
          layer, 768 numbers, is the photo&rsquo;s fingerprint, and only those numbers are sent to the server (a photo chosen while the model is still loading is
          searched on the server instead, so the first result comes sooner).
        </p>
      </header>

      <ImageSearch classes={classes} threshold={calibration.threshold} allSearchable={allSearchable} />

      <section className="img-section img-method" aria-labelledby="img-method">
        <h2 id="img-method">How it works</h2>
        <p>
          A classifier trained on ImageNet has to describe a photo in its last layers well enough to tell 1,000 kinds of
          things apart, so photos of similar things end up with similar vectors even for classes it never saw. Your photo is
          cropped to its centre square, resized to 224&times;224 and run through MobileNet v1 in a web worker. The server
          compares a whitened copy of the vectors (so that no handful of dimensions dominates the cosine) and averages your
          photo with its two best matches before searching again: on our test photos{" "}
          {PRECISION_AT_5.now} of the five nearest show the same kind of thing, against {PRECISION_AT_5.plainCosine} with
          plain cosine similarity.
        </p>
        <p>
          The confidence is the probability that the best match shows the same kind of thing, from how close the nearest
          photos are, how many of the ten nearest agree with the classifier&rsquo;s own top label, and how many are
          background clutter. It was fitted by cross-validation on the collection (a photo never finds itself) and checked
          on a test half that includes cluttered &ldquo;background&rdquo; photos of nothing in particular:
          below {Math.round(calibration.threshold * 100)}% the page says there is no good match
          {operatingPoint ? (
            <>
              {" "}
              &ndash; for {operatingPoint.clutterCaught} of the clutter and {operatingPoint.falseNoMatch} of the photos whose
              class the collection has
            </>
          ) : null}
          . The verdict above the results reads both signals: the classifier&rsquo;s labels say what the photo looks like,
          the confidence says whether the collection has photos of that kind.
        </p>
        {curve ? (
          <>
            <p>
              Where to draw the line is a trade-off: a higher threshold turns away more clutter but also more photos whose class
              the collection does have.
            </p>
            <TradeoffCurve curve={curve} />
          </>
        ) : null}
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
