// Accuracy (spec §5): sigmoid output, A > 0.5 against Y entry by entry; softmax output, the
// argmax of each column against Y's; mse has none.

import type { LossName } from '../foundation/model';
import type { Matrix } from './matrix';

export function accuracy(loss: LossName, AL: Matrix, Y: Matrix): number | undefined {
  const { rows: n, cols: m } = Y;
  const a = AL.data, y = Y.data;
  if (loss === 'mse' || m === 0) return undefined;
  let right = 0;
  if (loss === 'cross_entropy') {
    for (let p = 0; p < n * m; p++) if (a[p] > 0.5 === y[p] > 0.5) right++;
    return right / (n * m);
  }
  for (let j = 0; j < m; j++) if (argmax(a, n, m, j) === argmax(y, n, m, j)) right++;
  return right / m;
}

/** Row of column j's largest entry (the first on a tie). */
function argmax(d: Float64Array, n: number, m: number, j: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (d[i * m + j] > d[best * m + j]) best = i;
  return best;
}
