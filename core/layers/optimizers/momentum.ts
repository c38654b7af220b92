// `optimizer momentum(beta: β)` (spec §9): v = β·v + (1 − β)·dθ; θ −= α·v.

import { beta, type OptimizerKind } from './optimizer';

declare module '../../foundation/model' {
  interface OptimizerSpecs {
    momentum: { kind: 'momentum'; beta: number };
  }
}

export const momentum: OptimizerKind<'momentum'> = {
  name: 'momentum',
  params: [beta('beta', 'β', 0.9, 'how much of the past gradients the velocity keeps')],
  rule: ['v_dW[l] = β·v_dW[l] + (1 − β)·dW[l]', 'W[l] = W[l] − α·v_dW[l]'],
  doc: 'Gradient descent with momentum: steps along an exponentially weighted average of the gradients, which damps the oscillations.',
  moments: ['v'],
  torch: [
    'v = state.setdefault("v", torch.zeros_like(theta))',
    'v.mul_(group["beta"]).add_((1 - group["beta"]) * d)',
    'theta.sub_(lr * v)',
  ],
  update({ beta }, k, { v }, params, grads, alpha) {
    params.forEach((theta, p) => {
      k.moment(v![p], beta, grads[p]);
      k.axpy(theta, -alpha, v![p]);
    });
  },
};
