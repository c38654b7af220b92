// Seeded inputs for a self_attention layer's tests: A[l−1], its parameters by name, an upstream dA[l].

import { Rng } from '../../../core/foundation/prng';

/** Random inputs for d features, T steps, m examples: A[l−1], θ by name (biases too), dA[l]. */
export function attentionCase(seed: number, d: number, T: number, m: number) {
  const rng = new Rng(seed, 'attention');
  const fill = (n: number, scale = 1) => Float64Array.from({ length: n }, () => scale * (2 * rng.uniform() - 1));
  const theta: Record<string, Float64Array> = {};
  for (const p of ['Q', 'K', 'V', 'O']) theta[`W${p}`] = fill(d * d, 0.8);
  for (const p of ['Q', 'K', 'V', 'O']) theta[`b${p}`] = fill(d, 0.3);
  return { Aprev: fill(T * d * m), theta, dA: fill(T * d * m) };
}


export type AttentionCase = ReturnType<typeof attentionCase>;
