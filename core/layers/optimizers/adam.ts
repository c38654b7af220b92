// `optimizer adam(beta1: β1, beta2: β2, epsilon: ε)` (spec §9): v = β1·v + (1 − β1)·dθ;
// s = β2·s + (1 − β2)·dθ²; v̂ = v/(1 − β1^t); ŝ = s/(1 − β2^t); θ −= α·v̂ / (√ŝ + ε), t the update
// count (1 on the first step). β1^t and β2^t are running products (powers.ts), here and in the
// PyTorch export alike, so they have the same bits in the editor, `nn train` and the export.

import { beta, epsilon, type OptimizerKind } from './optimizer';

declare module '../../foundation/model' {
  interface OptimizerSpecs {
    adam: { kind: 'adam'; beta1: number; beta2: number; epsilon: number };
  }
}

export const adam: OptimizerKind<'adam'> = {
  name: 'adam',
  params: [
    beta('beta1', 'β₁', 0.9, 'the momentum average'),
    beta('beta2', 'β₂', 0.999, 'the RMSprop average'),
    epsilon(1e-8),
  ],
  rule: [
    'v_dW[l] = β₁·v_dW[l] + (1 − β₁)·dW[l]',
    's_dW[l] = β₂·s_dW[l] + (1 − β₂)·dW[l]²',
    'v_corrected = v_dW[l] / (1 − β₁^t),  s_corrected = s_dW[l] / (1 − β₂^t)',
    'W[l] = W[l] − α·v_corrected / (√s_corrected + ε)',
  ],
  doc: 'Adam: momentum and RMSprop together, with bias correction; t counts the updates (t = 1, 2, …).',
  moments: ['v', 's'],
  // the bias correction v̂ = v/(1 − β1^t), ŝ = s/(1 − β2^t) as the course states it, β^t kept as the
  // engine keeps it: a running product (one multiplication per update), which `**` would not equal
  torch: [
    'v = state.setdefault("v", torch.zeros_like(theta))',
    's = state.setdefault("s", torch.zeros_like(theta))',
    'v.mul_(group["beta1"]).add_((1 - group["beta1"]) * d)',
    's.mul_(group["beta2"]).add_((1 - group["beta2"]) * d * d)',
    'state["beta1^t"] = state.get("beta1^t", 1.0) * group["beta1"]  # β1^t at update t',
    'state["beta2^t"] = state.get("beta2^t", 1.0) * group["beta2"]',
    'v_hat = v / (1 - state["beta1^t"])',
    's_hat = s / (1 - state["beta2^t"])',
    'theta.sub_(lr * v_hat / (s_hat.sqrt() + group["epsilon"]))',
  ],
  update({ beta1, beta2, epsilon }, k, { v, s }, params, grads, alpha, power) {
    const c1 = 1 - power(beta1);
    const c2 = 1 - power(beta2);
    params.forEach((theta, p) => {
      k.moment(v![p], beta1, grads[p]);
      k.moment2(s![p], beta2, grads[p]);
      k.rescaledStep(theta, alpha, v![p], s![p], c1, c2, epsilon);
    });
  },
};
