// core/services/session/validate.ts writes a NetworkSpec back as `.nn` text: course 2's fields (optimizer,
// l2, decay, keep_prob) must survive the round trip, and out-of-range ones meet the checker's rules.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRAIN_DEFAULTS, type NetworkSpec, type TrainSpec } from '../../../core/foundation/model';
import { validateSpec } from '../../../core/services/session/validate';

function spec(train: Partial<TrainSpec> = {}, keepProb?: number): NetworkSpec {
  const hidden = keepProb === undefined ? {} : { keepProb };
  return {
    name: 'n', inputSize: 2, loss: 'cross_entropy',
    layers: [{ kind: 'dense', units: 4, activation: { name: 'tanh' }, ...hidden }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }],
    train: { ...TRAIN_DEFAULTS, data: { kind: 'generator', name: 'moons', args: { m: 100, noise: 0.1 } }, ...train },
  };
}

test('every optimizer, l2, decay and keep_prob come back unchanged', () => {
  for (const optimizer of [
    { kind: 'gd' }, { kind: 'momentum', beta: 0.95 }, { kind: 'rmsprop', beta: 0.99, epsilon: 1e-7 },
    { kind: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-6 },
  ] as const) {
    const s = spec({ optimizer });
    assert.deepEqual(validateSpec(s), s, optimizer.kind);
  }
  const all = spec({ optimizer: { kind: 'momentum', beta: 0 }, l2: 0.7, decay: { kind: 'exponential', rate: 0.95, every: 10 } }, 0.8);
  assert.deepEqual(validateSpec(all), all);
  const inverse = spec({ l2: 0, decay: { kind: 'inverse', rate: 1, every: 1 } }, 1);
  assert.deepEqual(validateSpec(inverse), inverse);
});

test('out-of-range course-2 values are refused with the checker\'s codes', () => {
  assert.match(validateSpec(spec({ optimizer: { kind: 'momentum', beta: 1 } })) as string, /NN411/);
  assert.match(validateSpec(spec({ optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 0 } })) as string, /NN412/);
  assert.match(validateSpec(spec({ l2: -1 })) as string, /NN413/);
  assert.match(validateSpec(spec({ decay: { kind: 'exponential', rate: 0, every: 1 } })) as string, /NN414/);
  assert.match(validateSpec(spec({ decay: { kind: 'inverse', rate: 1, every: 0.5 } })) as string, /NN415/);
  assert.match(validateSpec(spec({}, 0)) as string, /NN416/);
  assert.match(validateSpec(spec({ optimizer: { kind: 'nesterov' } as never })) as string, /NN209/);
  assert.match(validateSpec(spec({ l2: Number.NaN })) as string, /spec\.train\.l2 must be a finite number/);
});
