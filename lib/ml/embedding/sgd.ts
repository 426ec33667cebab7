// Plain SGD on the touched rows, as word2vec trains (with a learning rate that
// falls linearly over the run, set by the trainer).

import { TouchedRows, type TableOptimizer } from "./optimizer";

export class SparseSgd implements TableOptimizer {
  readonly grad: Float32Array;
  private readonly touched: TouchedRows;

  constructor(
    readonly w: Float32Array,
    private readonly dims: number,
  ) {
    this.grad = new Float32Array(w.length);
    this.touched = new TouchedRows(w.length / dims);
  }

  touch(row: number, step: number): void {
    this.touched.touch(row, step);
  }

  apply(lr: number): void {
    const { grad, w, dims, touched } = this;
    for (let i = 0; i < touched.count; i++) {
      const o = touched.list[i] * dims;
      for (let d = o; d < o + dims; d++) {
        w[d] -= lr * grad[d];
        grad[d] = 0;
      }
    }
    touched.count = 0;
  }
}
