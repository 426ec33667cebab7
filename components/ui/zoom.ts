/**
 * d3-zoom's event filter for pictures inside a scrolling page: a plain wheel scrolls the
 * page; Ctrl/Cmd+wheel (and a trackpad pinch, which arrives as Ctrl+wheel) zooms; a
 * primary-button drag pans.
 */
export function pageFriendlyZoomFilter(event: MouseEvent | WheelEvent | TouchEvent): boolean {
  return event.type === "wheel" ? (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey : !(event as MouseEvent).button;
}
