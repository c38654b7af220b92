// Spec §15's encoder block as a whole network (positional_encoding, a residual around causal
// self-attention, layer_norm, a residual around the per-step feed-forward, layer_norm, a per-step
// softmax): the network's gradient check passes through every kind of §15, on both kernel sets, and
// training lowers the cost on a task attention solves (each step labelled by the sign of the sum
// of the first feature over the steps so far).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../core/language';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { jsKernels } from '../../../core/engine/kernels';
import { Trainer } from '../../../core/engine/trainer';
import { Rng } from '../../../core/foundation/prng';
import type { Dataset } from '../../../core/data/dataset';

const [T, d, m] = [5, 4, 24];
const SOURCE = `network enc {
  input sequence(steps: ${T}, features: ${d})
  positional_encoding
  residual linear { self_attention heads: 2 causal }
  layer_norm
  residual linear {
    dense 8 tanh
    dense ${d} linear
  }
  layer_norm
  dense 2 softmax
  train {
    learning_rate 0.05
    iterations 150
    optimizer adam
  }
}
`;

/** x⟨t⟩ uniform in [−1, 1); y⟨t⟩ one-hot: class 1 when Σ_{t′ ≤ t} x⟨t′⟩[0] > 0 — a causal model can learn it. */
function prefixSigns(seed: number): Dataset {
  const rng = new Rng(seed, 'prefix signs');
  const X = { rows: T * d, cols: m, data: new Float64Array(T * d * m) };
  const Y = { rows: T * 2, cols: m, data: new Float64Array(T * 2 * m) };
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < d; r++) X.data[(t * d + r) * m + i] = 2 * rng.uniform() - 1;
      sum += X.data[(t * d) * m + i];
      Y.data[(t * 2 + (sum > 0 ? 1 : 0)) * m + i] = 1;
    }
  }
  return { X, Y, m, classes: 2 };
}

const spec = () => {
  const { diagnostics, networks } = analyze(SOURCE);
  assert.deepEqual(diagnostics.filter((x) => x.severity === 'error'), []);
  return networks[0].spec!;
};

for (const [name, kernels] of [['WebAssembly', undefined], ['TypeScript', jsKernels]] as const) {
  test(`the encoder block's gradient check passes through every parameter (${name} kernels)`, () => {
    const result = gradientCheck(spec(), prefixSigns(1), kernels ? { kernels } : {});
    assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
    for (const name of ['WQ', 'WK', 'WV', 'WO', 'bQ', 'bO', 'gamma', 'beta']) {
      const parts = result.perParameter.filter((p) => p.name === name);
      assert.ok(parts.length > 0 && parts.every((p) => p.difference < 1e-6), `${name}: ${parts.map((p) => p.difference)}`);
    }
  });
}

test('the encoder block trains: the cost falls on prefix signs', () => {
  const trainer = new Trainer(spec(), prefixSigns(2));
  trainer.step(150);
  const costs = trainer.costs;
  const [first, last] = [costs[0][1], costs[costs.length - 1][1]];
  assert.ok(last < 0.5 * first, `cost ${first} → ${last}`);
});
