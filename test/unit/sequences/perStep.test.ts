// Sequences in the engine (spec §14, docs/part3.md): a (T·n, m) input, `dense` applied per step
// with one W[l], b[l], softmax per step, the cost summed over steps and averaged over examples,
// accuracy over all m·T predictions, and backpropagation through the steps checked numerically.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LossName } from '../../../core/foundation/model';
import { accuracy } from '../../../core/engine/accuracy';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { initialize } from '../../../core/engine/init';
import { fromRows, matrix, stepOf, type Matrix } from '../../../core/engine/matrix';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/foundation/prng';
import { networkShapes, sequence } from '../../../core/layers';
import { makeSpec, randomMatrix } from '../engine/helpers';
import { denseLayer, sequenceSpec, stepLabels } from './helpers';

/** Network with W[1] = [[1], [−1]], b[1] = 0: one dense 2 softmax per step on one feature. */
function handNetwork(): Network {
  const spec = sequenceSpec(2, 1, [denseLayer(2, 'softmax')], 'softmax_cross_entropy');
  return new Network(spec, [{}, { W: fromRows([[1], [-1]]), b: matrix(2, 1) }]);
}

test('dense after a sequence: its shape is (n[l], m, T) with one W[l] (n[l], n[l−1]) and b[l]', () => {
  const [layer] = networkShapes(sequenceSpec(5, 3, [denseLayer(4, 'softmax')], 'softmax_cross_entropy'));
  assert.deepEqual(layer.output, sequence(4, 5));
  assert.deepEqual(layer.parameters, { W: [4, 3], b: [4, 1] });
  assert.equal(layer.params, 4 * 3 + 4);
});

test('per-step cost by hand: J = (1/m)·Σ_i Σ_t L, softmax normalizing each step, accuracy over m·T', () => {
  const net = handNetwork();
  // example 1: x⟨1⟩ = 0, x⟨2⟩ = 1, classes 0 then 1; example 2: x⟨1⟩ = 1, x⟨2⟩ = 0, classes 1 then 0
  const X = fromRows([[0, 1], [1, 0]]);
  const Y = fromRows([[1, 0], [0, 1], [0, 1], [1, 0]]);
  const buffers = net.allocate(2);
  const A = net.forward(X, buffers);
  // z = (0, 0) gives (½, ½); z = (1, −1) gives (1/(1 + e^−2), 1/(1 + e^2)): each step's column sums to 1
  const p = 1 / (1 + Math.exp(-2));
  assert.deepEqual([...A.data].map((a) => +a.toFixed(12)), [0.5, p, 0.5, 1 - p, p, 0.5, 1 - p, 0.5].map((a) => +a.toFixed(12)));
  // each example: ln 2 at the tie, ln(1 + e²) for class 1 at z = (1, −1); the sum over steps, the mean over examples
  assert.ok(Math.abs(net.cost(buffers, Y) - (Math.log(2) + Math.log(1 + Math.exp(2)))) < 1e-14);
  // right: the tie of example 1 (first row), the tie of example 2; wrong: both z = (1, −1) steps
  assert.equal(accuracy('softmax_cross_entropy', A, Y, 2), 0.5);
  assert.equal(accuracy('softmax_cross_entropy', A, Y, net.outputSteps), 0.5);
});

test('dense per step computes at each step what the same layer computes on that step alone', () => {
  const rng = new Rng(4, 'test');
  const T = 3, m = 5;
  const seq = sequenceSpec(T, 2, [denseLayer(4, 'tanh'), denseLayer(3, 'softmax')], 'softmax_cross_entropy', { seed: 9 });
  const params = initialize(seq);
  const net = new Network(seq, params);
  const plain = new Network(makeSpec([2, 4, 3], ['tanh', 'softmax'], 'softmax_cross_entropy'), initialize(seq));
  const X = randomMatrix(rng, T * 2, m);
  const A = net.forward(X, net.allocate(m));
  for (let t = 0; t < T; t++) {
    const x = matrix(2, m);
    x.data.set(stepOf(X, t, T).data);
    assert.deepEqual([...plain.forward(x, plain.allocate(m)).data], [...stepOf(A, t, T).data]);
  }
});

const outputs: Array<[string, LossName]> = [['softmax', 'softmax_cross_entropy'], ['sigmoid', 'cross_entropy'], ['linear', 'mse'], ['softmax', 'mse'], ['tanh', 'mse']];

/** ‖dθ − dθ_num‖ / (‖dθ‖ + ‖dθ_num‖) over every trained entry, by centred differences. */
function relativeError(net: Network, X: Matrix, Y: Matrix): number {
  const buffers = net.allocate(X.cols);
  const J = (): number => {
    net.forward(X, buffers);
    return net.cost(buffers, Y);
  };
  J();
  net.backward(buffers, Y);
  const h = 1e-6;
  let diff = 0, sumA = 0, sumN = 0;
  net.params.forEach((theta, i) => {
    const grad = net.grads[i];
    for (let p = 0; p < theta.data.length; p++) {
      const keep = theta.data[p];
      theta.data[p] = keep + h;
      const plus = J();
      theta.data[p] = keep - h;
      const minus = J();
      theta.data[p] = keep;
      const num = (plus - minus) / (2 * h);
      diff += (grad.data[p] - num) ** 2;
      sumA += grad.data[p] ** 2;
      sumN += num ** 2;
    }
  });
  return Math.sqrt(diff) / (Math.sqrt(sumA) + Math.sqrt(sumN));
}

for (const [out, loss] of outputs) {
  test(`gradient check through the steps: dense tanh per step, then a ${out} output per step with ${loss}`, () => {
    const rng = new Rng(11, 'test');
    const T = 4, m = 3, n_y = 3;
    const spec = sequenceSpec(T, 2, [denseLayer(5, 'tanh'), denseLayer(n_y, out as 'softmax')], loss, { seed: 3, init: { kind: 'random', scale: 0.8 } });
    const net = new Network(spec, initialize(spec));
    const error = relativeError(net, randomMatrix(rng, T * 2, m, -2, 2), stepLabels(loss, rng, n_y, T, m));
    assert.ok(error < 1e-7, `relative error ${error}`);
  });
}

test('gradientCheck (products served from memory, one per step) agrees through a per-step network', () => {
  const rng = new Rng(5, 'test');
  const T = 3, m = 8;
  const spec = sequenceSpec(T, 3, [denseLayer(4, 'sigmoid'), denseLayer(3, 'softmax')], 'softmax_cross_entropy', { seed: 2 });
  const data = { X: randomMatrix(rng, T * 3, m), Y: stepLabels('softmax_cross_entropy', rng, 3, T, m), m };
  const result = gradientCheck(spec, data, { maxEntries: 1000 });
  assert.ok(result.difference < 1e-7, `difference ${result.difference}`);
});
