"use client";

import { BruteGallery } from "./BruteGallery";
import { FramedFinds } from "./FramedFinds";
import { LiveBrute } from "./LiveBrute";
import styles from "./brute.module.css";

/** Part 1 of /draw: every 4x4 black-and-white image through the classifier, and a 7x7 search. */
export function BruteForceSection() {
  return (
    <section className={styles.section} aria-labelledby="brute-title">
      <h2 id="brute-title">Brute force: which 4×4 pictures does the classifier recognise?</h2>
      <p className={styles.intro}>
        A 4×4 black-and-white grid has 2<sup>16</sup> = 65,536 possible pictures. Each was scaled up (every pixel a solid block)
        and shown to MobileNet, an ImageNet classifier; these are the ones it named with some confidence. Abstract, or a look at
        what the network keys on.
      </p>
      <BruteGallery />

      <h3>Live: run a slice in your browser</h3>
      <p className={styles.intro}>The same model and code, in a web worker on this page. Pick a slice and watch it find icons.</p>
      <LiveBrute />

      <h3>7×7: 5×5 free pixels inside a fixed border</h3>
      <p className={styles.intro}>
        2<sup>25</sup> pictures are too many to try them all, so these were searched: random starts, then flipping one pixel at a
        time towards a more confident label not found yet. The best picture per label:
      </p>
      <FramedFinds />
    </section>
  );
}
