// `clip C` (spec §14): every gradient entry of every trained parameter is clipped to [−C, C] before
// the optimizer's update, and nothing else changes (the cost, backward's gradients, no clip without it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialize } from '../../../core/engine/init';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/foundation/prng';
import { randomMatrix } from '../engine/helpers';
import { denseLayer, sequenceSpec, stepLabels } from './helpers';

/** θ after one gd step of rate α from the same start, with `clip` as given; and the gradients backward made. */
function oneStep(clip: number | undefined): { theta: Float64Array[]; grads: Float64Array[] } {
  const rng = new Rng(8, 'test');
  const T = 3, m = 4;
  const spec = sequenceSpec(T, 2, [denseLayer(3, 'tanh'), denseLayer(2, 'softmax')], 'softmax_cross_entropy',
    { seed: 4, init: { kind: 'random', scale: 2 }, ...(clip === undefined ? {} : { clip }) });
  const net = new Network(spec, initialize(spec));
  const buffers = net.allocate(m);
  const Y = stepLabels('softmax_cross_entropy', rng, 2, T, m);
  net.forward(randomMatrix(rng, T * 2, m, -3, 3), buffers, true);
  net.backward(buffers, Y);
  const grads = net.grads.map((g) => g.data.slice());
  net.update(0.5, 1);
  return { theta: net.params.map((p) => p.data.slice()), grads };
}

test('clip C: θ −= α·clip(dθ, −C, C) entry by entry, for W and b of every layer', () => {
  const C = 0.05;
  const free = oneStep(undefined);
  const start = free.theta.map((theta, i) => theta.map((x, p) => x + 0.5 * free.grads[i][p]));
  const clipped = oneStep(C);
  let beyond = 0;
  clipped.theta.forEach((theta, i) => theta.forEach((x, p) => {
    const d = free.grads[i][p];
    if (Math.abs(d) > C) beyond++;
    assert.ok(Math.abs(x - (start[i][p] - 0.5 * Math.max(-C, Math.min(C, d)))) < 1e-15, `parameter ${i} entry ${p}`);
  }));
  assert.ok(beyond > 0, 'some gradient entries exceed C, so the clip is seen at work');
  // backward's gradients themselves are the same: the clip belongs to the update
  assert.deepEqual(clipped.grads, free.grads);
});

test('without clip, or with a C above every gradient entry, the update is the plain one', () => {
  const free = oneStep(undefined);
  const loose = oneStep(1e6);
  assert.deepEqual(loose.theta, free.theta);
});
