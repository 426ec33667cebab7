// Lazy ("sparse") Adam: only the rows a batch used get their moments and
// weights updated, which is what makes training fast on a CPU (a batch touches
// a few thousand of tens of thousands of rows). `sparse: false` updates every
// row each step as a dense optimizer (Keras) does: the benchmark's baseline.

import { TouchedRows, type TableOptimizer } from "./optimizer";

export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
  sparse: boolean;
}

export class LazyAdam implements TableOptimizer {
  readonly grad: Float32Array;
  private readonly touched: TouchedRows;

  constructor(
    readonly w: Float32Array,
    private readonly dims: number,
    private readonly m: Float32Array,
    private readonly v: Float32Array,
    private readonly settings: AdamSettings,
  ) {
    this.grad = new Float32Array(w.length);
    this.touched = new TouchedRows(w.length / dims);
  }

  touch(row: number, step: number): void {
    this.touched.touch(row, step);
  }

  apply(lr: number, t: number): void {
    const { m, v, grad, w, dims, touched } = this;
    const { beta1, beta2, epsilon, sparse } = this.settings;
    const lrT = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    const b1 = 1 - beta1;
    const b2 = 1 - beta2;
    const update = (o: number) => {
      for (let d = o; d < o + dims; d++) {
        const g = grad[d];
        const md = beta1 * m[d] + b1 * g;
        const vd = beta2 * v[d] + b2 * g * g;
        m[d] = md;
        v[d] = vd;
        w[d] -= (lrT * md) / (Math.sqrt(vd) + epsilon);
        grad[d] = 0;
      }
    };
    if (sparse) {
      for (let i = 0; i < touched.count; i++) update(touched.list[i] * dims);
    } else {
      for (let o = 0; o < w.length; o += dims) update(o);
    }
    touched.count = 0;
  }
}
