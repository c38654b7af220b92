// `data text("FILE", steps: T)` in training (spec §14): the corpus's token ids as X (T, m) and the
// next characters one-hot per step as Y (T·V, m) (seqlang's loader, core/data/sequenceDataset.ts);
// a tokens network then trains on it, its accuracy counting every step.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { LayerSpec, NetworkSpec } from '../../../core/foundation/model';
import { loadData } from '../../../core/data/dataset';
import { Trainer } from '../../../core/engine/trainer';
import { denseLayer, tokensSpec } from './helpers';

const DINOS = join(__dirname, '..', '..', '..', '..', 'examples', 'dinos', 'dinos.txt');
const withText = (spec: NetworkSpec, steps: number): NetworkSpec => ({ ...spec, train: { ...spec.train, data: { kind: 'text', path: DINOS, steps } } });
const embedding = { kind: 'embedding', units: 8 } as LayerSpec;

test('text(…) gives token ids (T, m) and next characters one-hot per step (T·V, m), with its vocabulary', () => {
  const { train } = loadData(withText(tokensSpec(25, 27, [embedding, denseLayer(27, 'softmax')], 'softmax_cross_entropy'), 25));
  // 16,961 characters: every k with 25k + 25 < 16,961
  assert.equal(train.m, 678);
  assert.deepEqual([train.X.rows, train.Y.rows], [25, 25 * 27]);
  assert.equal(train.vocab!.join(''), '\nabcdefghijklmnopqrstuvwxyz');
  // "aachenosaurus": x⟨1⟩ = a (1), y⟨1⟩ = the next a (1); x⟨2⟩ = a, y⟨2⟩ = c (3)
  assert.deepEqual([train.X.data[0], train.X.data[train.m]], [1, 1]);
  assert.equal(train.Y.data[1 * train.m], 1);
  assert.equal(train.Y.data[(27 + 3) * train.m], 1);
  for (let j = 0; j < train.m; j += 97) {
    for (let t = 0; t < 25; t++) {
      let sum = 0;
      for (let k = 0; k < 27; k++) sum += train.Y.data[(t * 27 + k) * train.m + j];
      assert.equal(sum, 1, `one class at step ${t + 1} of example ${j}`);
    }
  }
});

test('a character model trains on the dinosaur names: the cost falls from ln 27 and accuracy counts every step', () => {
  const spec = withText(tokensSpec(25, 27, [embedding, denseLayer(27, 'softmax')], 'softmax_cross_entropy',
    { iterations: 60, learningRate: 0.5, batch: 64, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } }), 25);
  const { train } = loadData(spec);
  const trainer = new Trainer(spec, train);
  while (!trainer.done) trainer.step(20);
  const costs = trainer.costs.map(([, J]) => J);
  // J sums over the 25 steps: at the start each is about ln 27
  assert.ok(Math.abs(costs[0] - 25 * Math.log(27)) < 0.5, `first cost ${costs[0]}`);
  assert.ok(costs[costs.length - 1] < 0.8 * costs[0], `costs ${costs[0]} → ${costs[costs.length - 1]}`);
  const accuracy = trainer.accuracy('train')!;
  assert.ok(accuracy > 0.15 && accuracy < 1, `accuracy ${accuracy}`);
  trainer.dispose();
});
