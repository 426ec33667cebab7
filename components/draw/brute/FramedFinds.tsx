import framedJson from "@/data/draw/brute/framed.json";
import { FRAMED_GRID, framedFileSchema, framedPixels, shortLabel } from "@/lib/draw/core/brute";
import { PixelIcon } from "./PixelIcon";
import styles from "./brute.module.css";

// Small (one find per label), committed by `npm run draw:brute:framed`: bundled, not fetched.
const framed = framedFileSchema.parse(framedJson);

/** The 7x7 search's best image per label. */
export function FramedFinds() {
  const finds = framed.finds.filter((f) => f.probability > 0.1);
  return (
    <div>
      <p className={styles.muted}>
        {framed.restarts} random starts, {framed.evaluations.toLocaleString("en")} images classified (of 2<sup>25</sup> = 33,554,432), a{" "}
        {framed.border} border; {finds.length} labels with a best probability over 10%.
      </p>
      <div className={styles.tiles}>
        {finds.map((f) => (
          <figure key={f.label} className={styles.tile}>
            <PixelIcon pixels={framedPixels(f.bits)} grid={FRAMED_GRID} px={84} title={`${f.label} ${(f.probability * 100).toFixed(0)}%`} />
            <figcaption>
              <span className={styles.tileLabel} title={f.label}>
                {shortLabel(f.label)}
              </span>
              <span>{(f.probability * 100).toFixed(0)}%</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
