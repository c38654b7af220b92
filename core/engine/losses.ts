// Costs (spec §5) and the output layer's gradient dZ[L], by the loss's record (core/layers/losses/).

import type { Activation, LossName } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import { activationKind } from '../layers/activations';
import { lossKind, neededOutput } from '../layers/losses';
import type { Matrix } from './matrix';

export { softplus } from '../layers/losses';

/** J over the m columns of Y (each loss's formula: core/layers/losses/). */
export function cost(loss: LossName, ZL: Matrix, AL: Matrix, Y: Matrix): number {
  return lossKind(loss).cost(ZL, AL, Y);
}

/**
 * dZ[L] (spec §5): A[L] − Y for the pairs of §5 (the activation's record names its loss);
 * otherwise dA[L] from the loss (mse: A[L] − Y) and dZ[L] = dA[L] ⊙ g′(Z[L]) (for softmax, its
 * Jacobian-vector product).
 */
export function outputGradient(k: Kernels, loss: LossName, g: Activation,
  ZL: Matrix, AL: Matrix, Y: Matrix, dAL: Matrix, dZL: Matrix): void {
  if (activationKind(g).pairs === loss) {
    k.sub(dZL, AL, Y);
    return;
  }
  const record = lossKind(loss);
  if (!record.dA) throw new Error(`${loss} needs a ${neededOutput(record)} output layer, not ${g.name}`);
  record.dA(k, AL, Y, dAL);
  k.backward(g, ZL, AL, dAL, dZL);
}
