import { hsl, interpolateSinebow } from "d3";

/** The poster colour of a cluster: evenly spaced hues, toned down so the map is not garish. */
export function clusterColour(cluster: number, clusters: number): string {
  const hueStep = (cluster * 11) % Math.max(1, clusters); // neighbouring ids get distant hues
  const c = hsl(interpolateSinebow(hueStep / Math.max(1, clusters)));
  c.s = Math.min(c.s, 0.62);
  c.l = 0.52 + 0.08 * ((cluster % 3) - 1);
  return c.formatRgb();
}

/** A darker shade for poster cards (white text on top). */
export function clusterShade(cluster: number, clusters: number): string {
  const c = hsl(clusterColour(cluster, clusters));
  c.l = 0.27;
  return c.formatRgb();
}
