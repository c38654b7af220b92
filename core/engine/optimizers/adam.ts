// Adam (spec §9): v = β1·v + (1 − β1)·dθ; s = β2·s + (1 − β2)·dθ²; v̂ = v/(1 − β1^t);
// ŝ = s/(1 − β2^t); θ −= α·v̂ / (√ŝ + ε), t the update count (1 on the first step).

import type { OptimizerModule } from './optimizer';

export const adam: OptimizerModule<'adam'> = {
  moments: ['v', 's'],
  update({ beta1, beta2, epsilon }, k, { v, s }, params, grads, alpha, t) {
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    params.forEach((theta, p) => {
      k.moment(v![p], beta1, grads[p]);
      k.moment2(s![p], beta2, grads[p]);
      k.rescaledStep(theta, alpha, v![p], s![p], c1, c2, epsilon);
    });
  },
};
