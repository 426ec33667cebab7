// An optimizer of one embedding table: gradients are accumulated per row over
// a batch, then `apply` updates the rows the batch touched and clears them.

export interface TableOptimizer {
  readonly w: Float32Array;
  readonly grad: Float32Array;
  touch(row: number, step: number): void;
  /** One update with learning rate `lr` at step `t` (1-based, for bias correction). */
  apply(lr: number, t: number): void;
}

/** The rows touched in the current step, each listed once. */
export class TouchedRows {
  readonly list: Int32Array;
  count = 0;
  private readonly stamp: Int32Array;

  constructor(rows: number) {
    this.stamp = new Int32Array(rows).fill(-1);
    this.list = new Int32Array(rows);
  }

  touch(row: number, step: number): void {
    if (this.stamp[row] !== step) {
      this.stamp[row] = step;
      this.list[this.count++] = row;
    }
  }
}
