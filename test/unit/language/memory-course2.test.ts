// The memory estimate counts what course 2's settings add (spec §9): the optimizer's moments v and s,
// each one copy of every W[l], b[l], and for a layer with dropout its mask D[l] and g(Z[l]) for a batch.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkFootprint } from '../../../core/engine/footprint';
import { analyzeWith } from './helpers';

/** The footprint of planar 2-4-1 on flower(m: 400), its layers and train settings as given. */
function planar(layers: string[], settings: string[] = []) {
  const text = ['network planar {', '  input 2', ...layers.map((l) => `  ${l}`), '  train {', '    data flower(m: 400)', ...settings.map((s) => `    ${s}`), '  }', '}', ''].join('\n');
  const { networks, diagnostics } = analyzeWith(text);
  assert.ok(networks[0].spec, JSON.stringify(diagnostics));
  return networkFootprint(networks[0].spec, { m: 400, testM: 0, split: false });
}

const layers = ['dense 4 tanh', 'dense 1 sigmoid'];
const gd = planar(layers);
const params = (4 * 3 + 1 * 5) * 8; // one copy of every W[l], b[l]

test('momentum and RMSprop keep one copy of every W, b; Adam two; gd none', () => {
  const cases: Array<[string, number, string]> = [
    ['optimizer gd', 0, 'W[1] and dW[1] (4, 2)'],
    ['optimizer momentum(beta: 0.9)', 1, 'W[1], dW[1] and v_dW[1] (4, 2)'],
    ['optimizer rmsprop', 1, 'W[1], dW[1] and s_dW[1] (4, 2)'],
    ['optimizer adam', 2, 'W[1], dW[1], v_dW[1] and s_dW[1] (4, 2)'],
  ];
  for (const [optimizer, copies, what] of cases) {
    const e = planar(layers, [optimizer]);
    assert.equal(e.bytes - gd.bytes, copies * params, optimizer);
    assert.equal(e.parts[0].what, what);
  }
});

test('a hidden layer with dropout adds D[l] and g(Z[l]) per batch; the output layer never has any', () => {
  const plain = planar(layers, ['batch 40']);
  const e = planar(['dense 4 tanh  keep_prob: 0.8', 'dense 1 sigmoid'], ['batch 40']);
  assert.equal(e.bytes - plain.bytes, 2 * 40 * 4 * 8);
  assert.equal(e.parts[1].what, 'Z[1], A[1], dZ[1], dA[1], D[1] (4, m = 400)');
  assert.equal(planar(['dense 4 tanh  keep_prob: 1', 'dense 1 sigmoid'], ['batch 40']).bytes, plain.bytes, 'keep_prob 1 is no dropout');
});
