// The memory estimate counts what course 2's settings add (spec §9): the optimizer's moments v and s,
// each one copy of every W[l], b[l], and for a layer with dropout its mask D[l] and g(Z[l]) for a batch.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMemory, memoryInput } from '../../../core/language/memory';
import type { OptimizerSpec } from '../../../core/foundation/model';

const n = [2, 4, 1];
const flower = { data: { kind: 'generator', name: 'flower', args: { m: 400 } }, batch: 'full' } as const;
const gd = estimateMemory(memoryInput(n, flower));
const params = (4 * 3 + 1 * 5) * 8; // one copy of every W[l], b[l]

test('momentum and RMSprop keep one copy of every W, b; Adam two; gd none', () => {
  const cases: Array<[OptimizerSpec, number, string]> = [
    [{ kind: 'gd' }, 0, 'W[1] and dW[1] (4, 2)'],
    [{ kind: 'momentum', beta: 0.9 }, 1, 'W[1], dW[1] and v_dW[1] (4, 2)'],
    [{ kind: 'rmsprop', beta: 0.999, epsilon: 1e-8 }, 1, 'W[1], dW[1] and s_dW[1] (4, 2)'],
    [{ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, 2, 'W[1], dW[1], v_dW[1] and s_dW[1] (4, 2)'],
  ];
  for (const [optimizer, copies, what] of cases) {
    const e = estimateMemory(memoryInput(n, { ...flower, optimizer }));
    assert.equal(e.bytes - gd.bytes, copies * params, optimizer.kind);
    assert.equal(e.parts[0].what, what);
  }
});

test('a hidden layer with dropout adds D[l] and g(Z[l]) per batch; the output layer never has any', () => {
  const batched = { ...flower, batch: 40 } as const;
  const plain = estimateMemory(memoryInput(n, batched));
  const input = memoryInput(n, batched, undefined, undefined, [0.8, 0.5]);
  assert.deepEqual(input.dropout, [1], 'keep_prob on the output layer is ignored, as the engine ignores it');
  const e = estimateMemory(input);
  assert.equal(e.bytes - plain.bytes, 2 * 40 * 4 * 8);
  assert.equal(e.parts[1].what, 'Z[1], A[1], dZ[1], dA[1], D[1] (4, m = 400)');
  assert.equal(memoryInput(n, batched, undefined, undefined, [1, undefined]).dropout, undefined, 'keep_prob 1 is no dropout');
});
