// `optimizer gd` (spec §5, §9): θ −= α·dθ. No moments.

import type { OptimizerKind } from './optimizer';

declare module '../../foundation/model' {
  interface OptimizerSpecs {
    gd: { kind: 'gd' };
  }
}

export const gd: OptimizerKind<'gd'> = {
  name: 'gd',
  params: [],
  rule: ['W[l] = W[l] − α·dW[l]'],
  doc: 'Plain (mini-batch) gradient descent.',
  moments: [],
  torch: ['theta.sub_(lr * d)'],
  update(_spec, k, _state, params, grads, alpha) {
    params.forEach((theta, p) => k.axpy(theta, -alpha, grads[p]));
  },
};
