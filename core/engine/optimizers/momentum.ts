// Momentum (spec §9): v = β·v + (1 − β)·dθ; θ −= α·v.

import type { OptimizerModule } from './optimizer';

export const momentum: OptimizerModule<'momentum'> = {
  moments: ['v'],
  update({ beta }, k, { v }, params, grads, alpha) {
    params.forEach((theta, p) => {
      k.moment(v![p], beta, grads[p]);
      k.axpy(theta, -alpha, v![p]);
    });
  },
};
