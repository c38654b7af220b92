// `rnn` inside a whole network, built by hand until the language reads sequence inputs: the
// engine's gradient check through time (the network's own check, as `nn gradcheck` runs it) for
// many-to-one, bidirectional, tokens and stacked layers; the weights keys of spec §14 (`Wax1_rev`);
// training lowers the cost.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { Trainer } from '../../../core/engine/trainer';
import type { NetworkSpec } from '../../../core/foundation/model';
import { weightEntries } from '../../../core/layers';
import type { RnnSpec } from '../../../core/layers/rnn';
import { rnnLayer, rnnNetwork, sequenceData } from './sequenceNets';

const NETWORKS: Array<[string, NetworkSpec]> = [
  ['many-to-one', rnnNetwork({ T: 5, n: 2 }, [rnnLayer(3, { returns: 'last' })])],
  ['bidirectional, last, relu', rnnNetwork({ T: 4, n: 3 }, [rnnLayer(3, { returns: 'last', bidirectional: true, activation: { name: 'relu' } })])],
  ['tokens, bidirectional', rnnNetwork({ T: 4, V: 5 }, [rnnLayer(3, { bidirectional: true }), rnnLayer(2, { returns: 'last' })], 'cross_entropy')],
  ['stacked: sequence into last', rnnNetwork({ T: 4, n: 2 }, [rnnLayer(3), rnnLayer(2, { returns: 'last', bidirectional: true })])],
];

for (const [name, spec] of NETWORKS) {
  test(`the network's gradient check passes through time: ${name}`, () => {
    const l2 = { ...spec, train: { ...spec.train, l2: 0.3 } };
    const result = gradientCheck(l2, sequenceData(spec, 6));
    assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
    for (const p of result.perParameter) assert.ok(p.difference < 1e-7, `${p.name}${p.l}: ${p.difference}`);
    const names = result.perParameter.filter((p) => p.l === 1).map((p) => p.name);
    assert.deepEqual(names, spec.layers[0].kind === 'rnn' && (spec.layers[0] as RnnSpec).bidirectional
      ? ['Wax', 'Waa', 'ba', 'Wax_rev', 'Waa_rev', 'ba_rev'] : ['Wax', 'Waa', 'ba']);
  });
}

test('weights keys follow spec §14: Wax1 Waa1 ba1, then the reverse set as Wax1_rev …', () => {
  const spec = NETWORKS[1][1];
  assert.deepEqual(weightEntries(spec).map((e) => `${e.key} (${e.shape.join(', ')})`), [
    'Wax1 (3, 3)', 'Waa1 (3, 3)', 'ba1 (3, 1)', 'Wax1_rev (3, 3)', 'Waa1_rev (3, 3)', 'ba1_rev (3, 1)', 'W2 (1, 6)', 'b2 (1, 1)',
  ]);
  const trainer = new Trainer(spec, sequenceData(spec, 8));
  assert.deepEqual(Object.keys(trainer.weights()), weightEntries(spec).map((e) => e.key));
  trainer.dispose();
});

test('training an rnn lowers the cost', () => {
  const spec = { ...NETWORKS[0][1], train: { ...NETWORKS[0][1].train, iterations: 200, logEvery: 50 } };
  const trainer = new Trainer(spec, sequenceData(spec, 64));
  const first = trainer.step(1).cost;
  trainer.step(199);
  const last = trainer.step(1).cost;
  trainer.dispose();
  assert.ok(last < first * 0.5, `cost ${first} → ${last}`);
});
