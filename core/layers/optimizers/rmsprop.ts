// `optimizer rmsprop(beta: β, epsilon: ε)` (spec §9): s = β·s + (1 − β)·dθ²; θ −= α·dθ / (√s + ε).

import { beta, epsilon, type OptimizerKind } from './optimizer';

declare module '../../foundation/model' {
  interface OptimizerSpecs {
    rmsprop: { kind: 'rmsprop'; beta: number; epsilon: number };
  }
}

export const rmsprop: OptimizerKind<'rmsprop'> = {
  name: 'rmsprop',
  params: [beta('beta', 'β', 0.999, 'how much of the past squared gradients s keeps'), epsilon(1e-8)],
  rule: ['s_dW[l] = β·s_dW[l] + (1 − β)·dW[l]²', 'W[l] = W[l] − α·dW[l] / (√s_dW[l] + ε)'],
  doc: 'RMSprop: divides each step by a running root mean square of the gradient, so steep directions take smaller steps.',
  moments: ['s'],
  torch: [
    's = state.setdefault("s", torch.zeros_like(theta))',
    's.mul_(group["beta"]).add_((1 - group["beta"]) * d * d)',
    'theta.sub_(lr * d / (s.sqrt() + group["epsilon"]))',
  ],
  update({ beta, epsilon }, k, { s }, params, grads, alpha) {
    params.forEach((theta, p) => {
      k.moment2(s![p], beta, grads[p]);
      k.rescaledStep(theta, alpha, grads[p], s![p], 1, 1, epsilon);
    });
  },
};
