/**
 * The clock the lights engine runs on, injectable: the real one (Date.now + setTimeout), or
 * a virtual one that only moves when told to - for tests, for replaying a capture by its
 * packets' own timestamps, and for the page's simulator that fast-forwards. Browser-safe.
 */

export interface Clock {
  now(): number;
  /** Calls fn at (or after) time `at`; returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

/** Wall-clock time. */
export const realClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    // setTimeout caps at 2^31-1 ms; re-arm for far-away times.
    let handle: ReturnType<typeof setTimeout>;
    const arm = () => {
      const wait = at - Date.now();
      if (wait > 2 ** 31 - 1) handle = setTimeout(arm, 2 ** 31 - 1);
      else handle = setTimeout(fn, Math.max(0, wait));
    };
    arm();
    return () => clearTimeout(handle);
  },
};

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that moves only by advanceTo / advanceBy: timers due on the way fire in time
 * order (ties in the order they were set), each seeing now() equal to its due time.
 */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  at(at: number, fn: () => void): () => void {
    const timer = { at, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  /** The time of the next pending timer, or null. */
  nextTimer(): number | null {
    let best: number | null = null;
    for (const x of this.timers) if (best === null || x.at < best) best = x.at;
    return best;
  }

  /** Moves to `target`, firing every timer due at or before it in order (timers they set included). */
  advanceTo(target: number): void {
    for (;;) {
      let next: Timer | undefined;
      for (const x of this.timers) if (x.at <= target && (!next || x.at < next.at || (x.at === next.at && x.seq < next.seq))) next = x;
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = Math.max(this.t, target);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}
