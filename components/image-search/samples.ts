/**
 * Sample photos to try, copied from the collection's thumbnails into public/image-search/samples/:
 * held-out photos (never searchable themselves) of five classes, and one background-clutter
 * photo that should get "no good match". A click runs them through the same path as an
 * upload (fetched as a file, embedded in the worker).
 */
export interface Sample {
  /** Button caption. */
  name: string;
  url: string;
  /** Caltech-101 id of the original photo (credit and tests). */
  sourceId: string;
}

export const SAMPLES: readonly Sample[] = [
  { name: "dalmatian", url: "/image-search/samples/dalmatian.jpg", sourceId: "dalmatian/image_0053" },
  { name: "sunflower", url: "/image-search/samples/sunflower.jpg", sourceId: "sunflower/image_0031" },
  { name: "airplane", url: "/image-search/samples/airplane.jpg", sourceId: "airplanes/image_0029" },
  { name: "leopard", url: "/image-search/samples/leopard.jpg", sourceId: "Leopards/image_0014" },
  { name: "soccer ball", url: "/image-search/samples/soccer-ball.jpg", sourceId: "soccer_ball/image_0007" },
  { name: "clutter", url: "/image-search/samples/clutter.jpg", sourceId: "BACKGROUND_Google/image_0006" },
];
