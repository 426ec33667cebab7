// Bounded top-k selection: the one heap every nearest-neighbour search uses.


/**
 * Keeps the k smallest (distance, index) pairs seen so far in a bounded max-heap:
 * O(n log k) for n offers, and offers worse than the current k-th cost one comparison.
 */
export class TopK {
  private readonly distances: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a non-negative integer, got ${k}`);
    this.distances = new Float64Array(k);
    this.indices = new Int32Array(k);
  }

  get count(): number {
    return this.size;
  }

  /** The distance an offer must beat to get in (Infinity while not full). */
  get worst(): number {
    return this.size < this.k ? Infinity : this.distances[0];
  }

  offer(distance: number, index: number): void {
    if (this.size < this.k) {
      // Sift up.
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.distances[parent] >= distance) break;
        this.distances[i] = this.distances[parent];
        this.indices[i] = this.indices[parent];
        i = parent;
      }
      this.distances[i] = distance;
      this.indices[i] = index;
      return;
    }
    if (this.k === 0 || distance >= this.distances[0]) return;
    // Replace the root (current worst) and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const bigger = right < n && this.distances[right] > this.distances[left] ? right : left;
      if (this.distances[bigger] <= distance) break;
      this.distances[i] = this.distances[bigger];
      this.indices[i] = this.indices[bigger];
      i = bigger;
    }
    this.distances[i] = distance;
    this.indices[i] = index;
  }

  /** The kept pairs, best (smallest distance) first; ties by smaller index. */
  sorted(): { index: number; distance: number }[] {
    const out: { index: number; distance: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.indices[i], distance: this.distances[i] });
    return out.sort((a, b) => a.distance - b.distance || a.index - b.index);
  }
}

/** The k smallest of `distances` as indices, best first. */
export function topKSmallest(distances: ArrayLike<number>, k: number): { index: number; distance: number }[] {
  const heap = new TopK(Math.min(k, distances.length));
  for (let i = 0; i < distances.length; i++) heap.offer(distances[i], i);
  return heap.sorted();
}

