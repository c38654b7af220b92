// `loss mse` (spec §5): mean squared error, for regression; the loss of any output that pairs with
// no other loss.

import type { LossKind } from './loss';

declare module '../../foundation/model' {
  interface LossNames {
    mse: true;
  }
}

export const mse: LossKind<'mse'> = {
  name: 'mse',
  formula: 'J = (1/2m) Σ (A − Y)²',
  dZ: 'dA[L] = A[L] − Y, dZ[L] = dA[L] ⊙ g′(Z[L])  (= A[L] − Y for a linear output)',
  doc: 'Mean squared error: for regression, usually with a linear output.',
  offerOutput: false,
  wasm: { kernel: 'squared_error', per: 'entry', from: 'a', over: '2m' },
  torch: { sum: '((output_activation(Z) - Y) ** 2).sum() / 2' },
  cost(_ZL, AL, Y) {
    const { rows: n, cols: m } = Y;
    const a = AL.data, y = Y.data;
    let sum = 0;
    for (let p = 0; p < n * m; p++) sum += (a[p] - y[p]) * (a[p] - y[p]);
    return sum / (2 * m);
  },
  dA: (k, AL, Y, dAL) => k.sub(dAL, AL, Y),
};
