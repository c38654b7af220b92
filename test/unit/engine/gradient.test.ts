// Backprop against centred differences, for every activation × loss pair the checker accepts and
// every hidden activation: the relative error ‖dθ − dθ_num‖ / (‖dθ‖ + ‖dθ_num‖) must be < 1e-6.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Activation, LossName } from '../../../core/model';
import { initialize } from '../../../core/engine/init';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/engine/prng';
import { labelsFor, makeSpec, randomMatrix } from './helpers';

const outputs: Array<[Activation, LossName]> = [
  [{ name: 'sigmoid' }, 'cross_entropy'],
  [{ name: 'softmax' }, 'softmax_cross_entropy'],
  ...(['sigmoid', 'tanh', 'relu', 'linear', 'softmax'] as const).map((name): [Activation, LossName] => [{ name }, 'mse']),
  [{ name: 'leaky_relu', slope: 0.2 }, 'mse'],
];
const hidden: Activation[] = [{ name: 'sigmoid' }, { name: 'tanh' }, { name: 'relu' }, { name: 'leaky_relu' },
  { name: 'leaky_relu', slope: 0.3 }, { name: 'linear' }];

function relativeError(spec: ReturnType<typeof makeSpec>, seed: number): number {
  const rng = new Rng(seed, 'gradcheck');
  const m = 6;
  const net = new Network(spec, initialize({ ...spec, train: { ...spec.train, seed, init: { kind: 'random', scale: 0.8 } } }));
  const X = randomMatrix(rng, spec.inputSize, m, -2, 2);
  const Y = labelsFor(spec.loss, rng, spec.layers[spec.layers.length - 1].units, m);
  const buffers = net.allocate(m);
  const J = () => {
    net.forward(X, buffers);
    return net.cost(buffers, Y);
  };
  J();
  net.backward(buffers, Y);
  const h = 1e-6;
  let diff = 0, sumA = 0, sumN = 0;
  for (let l = 1; l <= net.L; l++) {
    for (const [theta, grad] of [[net.W[l], net.dW[l]], [net.b[l], net.db[l]]]) {
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
    }
  }
  return Math.sqrt(diff) / (Math.sqrt(sumA) + Math.sqrt(sumN));
}

for (const [out, loss] of outputs) {
  const outName = out.name + (out.slope ? `(${out.slope})` : '');
  test(`gradient check: ${outName} output with ${loss}, after each hidden activation`, () => {
    hidden.forEach((g, index) => {
      const units = out.name === 'softmax' || loss === 'mse' ? 3 : 2;
      const spec = makeSpec([4, 5, 3, units], [g, g, out], loss);
      const err = relativeError(spec, 10 + index);
      assert.ok(err < 1e-6, `hidden ${g.name}${g.slope ? `(${g.slope})` : ''}: relative error ${err}`);
    });
  });
}

test('gradient check: logistic regression (no hidden layer)', () => {
  assert.ok(relativeError(makeSpec([5, 1], ['sigmoid'], 'cross_entropy'), 3) < 1e-6);
});
