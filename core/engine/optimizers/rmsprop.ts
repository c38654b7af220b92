// RMSprop (spec §9): s = β·s + (1 − β)·dθ²; θ −= α·dθ / (√s + ε).

import type { OptimizerModule } from './optimizer';

export const rmsprop: OptimizerModule<'rmsprop'> = {
  moments: ['s'],
  update({ beta, epsilon }, k, { s }, params, grads, alpha) {
    params.forEach((theta, p) => {
      k.moment2(s![p], beta, grads[p]);
      k.rescaledStep(theta, alpha, grads[p], s![p], 1, 1, epsilon);
    });
  },
};
