// Mini-batches (`batch N`): each epoch visits the m examples in a fresh order drawn from the
// seed's 'shuffle' stream and cuts it into consecutive batches of N; the last batch of an epoch
// holds the m mod N left over. `batch full` (or N ≥ m) uses X and Y themselves, never copied.

import type { Dataset } from '../data/dataset';
import { matrix, release, view, type Matrix } from './matrix';
import { Rng } from '../foundation/prng';

export interface Batch {
  X: Matrix;
  Y: Matrix;
}

export class MiniBatches {
  readonly size: number;
  private readonly order: Int32Array;
  private readonly rng: Rng;
  /** where a mini-batch's examples are gathered (none for a full batch) */
  private readonly into?: Batch;
  private next = 0; // position in `order` of the next batch

  constructor(private readonly data: Dataset, size: number | 'full', seed: number) {
    this.size = size === 'full' ? data.m : Math.min(size, data.m);
    this.order = Int32Array.from({ length: data.m }, (_, j) => j);
    this.rng = new Rng(seed, 'shuffle');
    if (!this.full) this.into = { X: matrix(data.X.rows, this.size), Y: matrix(data.Y.rows, this.size) };
    this.next = data.m; // start a new epoch on the first call
  }

  get full(): boolean {
    return this.size === this.data.m;
  }

  /** The examples of the next step. */
  take(): Batch {
    if (!this.into) return { X: this.data.X, Y: this.data.Y };
    if (this.next >= this.data.m) {
      this.rng.shuffle(this.order);
      this.next = 0;
    }
    const mb = Math.min(this.size, this.data.m - this.next);
    const picked = this.order.subarray(this.next, this.next + mb);
    this.next += mb;
    return { X: gather(this.data.X, picked, view(this.into.X, mb)), Y: gather(this.data.Y, picked, view(this.into.Y, mb)) };
  }

  /** Gives the batch buffers' memory back (engine/matrix.ts `release`). */
  dispose(): void {
    if (this.into) release(this.into.X, this.into.Y);
  }
}

/** out[:, t] = M[:, columns[t]] */
function gather(M: Matrix, columns: Int32Array, out: Matrix): Matrix {
  const { rows, cols: m } = M;
  const mb = columns.length;
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < mb; t++) out.data[i * mb + t] = M.data[i * m + columns[t]];
  }
  return out;
}
