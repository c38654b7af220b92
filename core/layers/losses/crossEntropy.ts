// `loss cross_entropy` (spec §5): binary cross-entropy, for sigmoid outputs with 0/1 labels.

import type { LossKind } from './loss';

declare module '../../foundation/model' {
  interface LossNames {
    cross_entropy: true;
  }
}

/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^−|x|). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export const crossEntropy: LossKind<'cross_entropy'> = {
  name: 'cross_entropy',
  formula: 'J = −(1/m) Σ [Y·log A + (1−Y)·log(1−A)]',
  dZ: 'dZ[L] = A[L] − Y',
  doc: 'Binary cross-entropy (logistic loss): for a sigmoid output with 0/1 labels.',
  offerOutput: false,
  wasm: { kernel: 'cross_entropy', per: 'entry', from: 'z', over: 'm' },
  torch: { sum: 'F.binary_cross_entropy_with_logits(Z, Y, reduction="sum")', accuracy: '((A > 0.5) == (Y > 0.5)).double().mean().item()' },
  // −(1/m) Σ [Y·log A + (1−Y)·log(1−A)] with log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z),
  // so a saturated sigmoid never gives log 0
  cost(ZL, _AL, Y) {
    const { rows: n, cols: m } = Y;
    const z = ZL.data, y = Y.data;
    let sum = 0;
    for (let p = 0; p < n * m; p++) sum += y[p] * softplus(-z[p]) + (1 - y[p]) * softplus(z[p]);
    return sum / m;
  },
  // A > 0.5 against Y, entry by entry
  accuracy(AL, Y) {
    const { rows: n, cols: m } = Y;
    const a = AL.data, y = Y.data;
    let right = 0;
    for (let p = 0; p < n * m; p++) if (a[p] > 0.5 === y[p] > 0.5) right++;
    return right / (n * m);
  },
  // a column is right when every one of its n entries is
  markWrong(AL, Y, right) {
    const { rows: n, cols: m } = Y;
    for (let p = 0; p < n * m; p++) if (AL.data[p] > 0.5 !== Y.data[p] > 0.5) right[p % m] = 0;
  },
};
