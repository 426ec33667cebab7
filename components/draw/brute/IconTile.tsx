import { bitsToPixels, BRUTE_GRID } from "@/lib/draw/core/brute";
import { PixelIcon } from "./PixelIcon";
import styles from "./brute.module.css";

/** One 4x4 icon with its probability (and label, when the group does not name it). */
export function IconTile({ bits, label, probability, showLabel = false }: { bits: number; label: string; probability: number; showLabel?: boolean }) {
  return (
    <figure className={styles.tile}>
      <PixelIcon pixels={bitsToPixels(bits, BRUTE_GRID)} grid={BRUTE_GRID} px={64} title={`${label} ${(probability * 100).toFixed(0)}% (bits ${bits})`} />
      <figcaption>
        {showLabel ? <span className={styles.tileLabel}>{label.split(",")[0]}</span> : null}
        <span>{(probability * 100).toFixed(0)}%</span>
      </figcaption>
    </figure>
  );
}
