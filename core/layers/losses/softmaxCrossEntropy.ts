// `loss softmax_cross_entropy` (spec §5): categorical cross-entropy, for softmax outputs with one
// class per example (Y one-hot).

import type { Matrix } from '../../foundation/matrix';
import type { LossKind } from './loss';

declare module '../../foundation/model' {
  interface LossNames {
    softmax_cross_entropy: true;
  }
}

/** Row of column j's largest entry (the first on a tie). */
function argmax(d: Float64Array, n: number, m: number, j: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (d[i * m + j] > d[best * m + j]) best = i;
  return best;
}

/** Clears right[j] for each column j whose argmax is not Y's. */
function markWrongClasses(AL: Matrix, Y: Matrix, right: Uint8Array): void {
  const { rows: n, cols: m } = Y;
  for (let j = 0; j < m; j++) if (argmax(AL.data, n, m, j) !== argmax(Y.data, n, m, j)) right[j] = 0;
}

export const softmaxCrossEntropy: LossKind<'softmax_cross_entropy'> = {
  name: 'softmax_cross_entropy',
  formula: 'J = −(1/m) Σ Y·log A  (Y one-hot)',
  dZ: 'dZ[L] = A[L] − Y',
  doc: 'Categorical cross-entropy: for a softmax output with one class index per example.',
  offerOutput: true,
  wasm: { kernel: 'softmax_cross_entropy', per: 'column' },
  torch: { sum: '-(Y * F.log_softmax(Z, dim=1)).sum()', accuracy: '(A.argmax(dim=1) == Y.argmax(dim=1)).double().mean().item()' },
  // −(1/m) Σ Y·log A, with log A = Z − logsumexp(Z) per column
  cost(ZL, _AL, Y) {
    const { rows: n, cols: m } = Y;
    const z = ZL.data, y = Y.data;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) max = Math.max(max, z[i * m + j]);
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.exp(z[i * m + j] - max);
      const lse = max + Math.log(s);
      for (let i = 0; i < n; i++) if (y[i * m + j] !== 0) sum += y[i * m + j] * (lse - z[i * m + j]);
    }
    return sum / m;
  },
  // the argmax of each column against Y's
  accuracy(AL, Y) {
    const right = new Uint8Array(Y.cols).fill(1);
    markWrongClasses(AL, Y, right);
    return right.reduce((sum, r) => sum + r, 0) / Y.cols;
  },
  markWrong: markWrongClasses,
};
