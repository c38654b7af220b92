// predict on a sequence input goes 256 examples at a time (network.ts `predictsInBlocks`): the whole
// set's accuracy of 10,000 dates through an attention layer would otherwise hold gigabytes at once.
// Blocks must give exactly what one forward pass over every example gives, and the memory estimate
// (footprint.ts) counts one block, as the engine allocates.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../core/language';
import { loadData } from '../../../core/engine';
import { networkFootprint } from '../../../core/engine/footprint';
import { initialize } from '../../../core/engine/init';
import { jsKernels } from '../../../core/engine/kernels';
import { Network } from '../../../core/engine/network';

const source = (m: number) => `network rev {
  input tokens(steps: 6, vocab: 5)
  embedding 8
  positional_encoding
  residual linear { self_attention heads: 2 }
  layer_norm
  dense 5 softmax
  train {
    data reverse(m: ${m}, steps: 6, vocab: 5)
    batch 32
    seed 4
  }
}
`;

const specOf = (m: number) => {
  const { networks, diagnostics } = analyze(source(m));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return networks[0].spec!;
};

test('predict on a tokens input works in blocks of 256 examples and gives what one whole forward pass gives', () => {
  const spec = specOf(600); // blocks of 256, 256 and 88
  const { train } = loadData(spec);
  const net = new Network(spec, initialize(spec), jsKernels);
  const expected = net.forward(train.X, net.allocate(600, false)).data.slice(0, 6 * 5 * 600);
  const predicted = net.predict(train.X);
  assert.deepEqual([predicted.rows, predicted.cols], [6 * 5, 600]);
  assert.deepEqual(predicted.data.slice(0, 6 * 5 * 600), expected);
  net.dispose();
});

test('the memory estimate of a sequence network counts one block of predictions, whatever m is', () => {
  const need = (m: number) => networkFootprint(specOf(m), { m, testM: 0, split: false }).bytes;
  // with mini-batches of 32 and a block of 256 predictions, only the data grows with m: X (6, m) and Y (30, m)
  assert.equal(need(20_000) - need(10_000), 10_000 * (6 + 30) * 8);
});
