// Costs (spec §5), computed from Z so they stay finite while the math is, and the output layer's
// gradient dZ[L].

import type { Activation, LossName } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import type { Matrix } from './matrix';

/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^−|x|). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * J over the m columns of Y:
 * - cross_entropy: −(1/m) Σ [Y·log A + (1−Y)·log(1−A)], with log σ(z) = −softplus(−z) and
 *   log(1 − σ(z)) = −softplus(z), so a saturated sigmoid never gives log 0;
 * - softmax_cross_entropy: −(1/m) Σ Y·log A, with log A = Z − logsumexp(Z) per column;
 * - mse: (1/2m) Σ (A − Y)².
 */
export function cost(loss: LossName, ZL: Matrix, AL: Matrix, Y: Matrix): number {
  const { rows: n, cols: m } = Y;
  const z = ZL.data, a = AL.data, y = Y.data;
  let sum = 0;
  switch (loss) {
    case 'cross_entropy':
      for (let p = 0; p < n * m; p++) sum += y[p] * softplus(-z[p]) + (1 - y[p]) * softplus(z[p]);
      return sum / m;
    case 'softmax_cross_entropy':
      for (let j = 0; j < m; j++) {
        let max = -Infinity;
        for (let i = 0; i < n; i++) max = Math.max(max, z[i * m + j]);
        let s = 0;
        for (let i = 0; i < n; i++) s += Math.exp(z[i * m + j] - max);
        const lse = max + Math.log(s);
        for (let i = 0; i < n; i++) if (y[i * m + j] !== 0) sum += y[i * m + j] * (lse - z[i * m + j]);
      }
      return sum / m;
    case 'mse':
      for (let p = 0; p < n * m; p++) sum += (a[p] - y[p]) * (a[p] - y[p]);
      return sum / (2 * m);
  }
}

/** True where §5 gives dZ[L] = A[L] − Y directly. */
function canonical(loss: LossName, g: Activation): boolean {
  return (loss === 'cross_entropy' && g.name === 'sigmoid')
    || (loss === 'softmax_cross_entropy' && g.name === 'softmax')
    || (loss === 'mse' && g.name === 'linear');
}

/**
 * dZ[L] (spec §5): A[L] − Y for the canonical pairs; otherwise dA[L] = A[L] − Y (mse) and
 * dZ[L] = dA[L] ⊙ g′(Z[L]) (for softmax, its Jacobian-vector product).
 */
export function outputGradient(k: Kernels, loss: LossName, g: Activation,
  ZL: Matrix, AL: Matrix, Y: Matrix, dAL: Matrix, dZL: Matrix): void {
  if (canonical(loss, g)) {
    k.sub(dZL, AL, Y);
    return;
  }
  if (loss !== 'mse') throw new Error(`${loss} needs a ${loss === 'cross_entropy' ? 'sigmoid' : 'softmax'} output layer, not ${g.name}`);
  k.sub(dAL, AL, Y);
  k.backward(g, ZL, AL, dAL, dZL);
}
