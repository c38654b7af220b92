// Gradient descent (spec §5, §9): θ −= α·dθ. No moments.

import type { OptimizerModule } from './optimizer';

export const gd: OptimizerModule<'gd'> = {
  moments: [],
  update(_spec, k, _state, params, grads, alpha) {
    params.forEach((theta, p) => k.axpy(theta, -alpha, grads[p]));
  },
};
